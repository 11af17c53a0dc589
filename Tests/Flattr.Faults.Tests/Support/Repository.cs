using System.Reflection;

namespace Flattr.Faults.Tests.Support;

/// <summary>Where the repository and the built web app are, wherever the build output lives (e.g. an artifacts path in /tmp).</summary>
public static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>The web app as built beside this assembly (the project reference copies it with its runtimeconfig).</summary>
    public static string WebDll { get; } = Path.Combine(AppContext.BaseDirectory, "Flattr.Web.dll");

    /// <summary>The web project folder: the content root of a child-process app (its wwwroot).</summary>
    public static string WebContentRoot { get; } = Path.Combine(Root, "Web");

    /// <summary>A folder under <c>test-artifacts/faults/</c> at the repository root (git-ignored), created on demand.</summary>
    public static string Artifacts(string name)
    {
        var folder = Path.Combine(Root, "test-artifacts", "faults", name);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
