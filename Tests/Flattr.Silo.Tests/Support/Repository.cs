namespace Flattr.Silo.Tests.Support;

/// <summary>Where the repository is (the folder of Flattr.sln above this assembly) and the built programs the tests start.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration this test assembly was built in (bin/&lt;configuration&gt;/net10.0/): the programs are taken from the same one.</summary>
    public static string Configuration { get; } = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent?.Name ?? "Release";

    /// <summary>The web (co-hosting a silo, or a cluster client).</summary>
    public static string WebDll => Program("Web", "Flattr.Web.dll");

    /// <summary>The headless silo.</summary>
    public static string SiloDll => Program("Silo", "Flattr.Silo.dll");

    static string Program(string project, string dll)
    {
        var path = Path.Combine(Root, project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is not built: dotnet build {project} -c {Configuration}", path);
    }

    static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Flattr.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Flattr.sln above {AppContext.BaseDirectory}.");
    }
}
