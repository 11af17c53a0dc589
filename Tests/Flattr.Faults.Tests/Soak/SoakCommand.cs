namespace Flattr.Faults.Tests.Soak;

/// <summary>The soak command's entry point (<c>dotnet Flattr.Faults.Tests.dll soak</c>); test runners never call it.</summary>
public static class SoakCommand
{
    public static int Main(string[] args) => args.Length == 0 ? 2 : 0;
}
