using System.Globalization;

namespace Flattr.Benchmarks.Hosting;

/// <summary>
/// CPU time of a server made of a parent and the children it forks (PostgreSQL's postmaster and its backends, nginx's master
/// and its workers), from Linux /proc: the parent's own time and the time of the children it has already reaped (cutime,
/// cstime), plus every living child's. A backend that exits during a load is counted too, through its parent's figures.
/// </summary>
public static class ProcessTree
{
    /// <summary>User + system CPU seconds of <paramref name="parentId"/>, its reaped children and its living children.</summary>
    public static double CpuSeconds(int parentId)
    {
        var total = Read(parentId) is { } parent ? parent.Own + parent.Reaped : 0;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && id != parentId && Read(id) is { } child && child.ParentId == parentId)
            {
                total += child.Own + child.Reaped;
            }
        }

        return total;
    }

    /// <summary>The parent of a process (field 4 of /proc/PID/stat).</summary>
    public static int? ParentOf(int processId) => Read(processId)?.ParentId;

    static (int ParentId, double Own, double Reaped)? Read(int processId)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // It exited meanwhile.
        }

        // The command name (field 2) may contain spaces: count fields after its closing parenthesis (field 3 is index 0).
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);
        return ((int)Field(1), (Field(11) + Field(12)) / 100.0, (Field(13) + Field(14)) / 100.0);
    }
}
