using System.Globalization;
using System.Runtime.InteropServices;

namespace Flattr.Benchmarks.Hosting;

/// <summary>Reads what the table must say about the machine: cores, memory, CPU model, load, process memory (Linux /proc).</summary>
public static class MachineProbe
{
    public static int Cores => Environment.ProcessorCount;

    public static double MemoryGiB => ProcKilobytes("/proc/meminfo", "MemTotal:") / 1024.0 / 1024.0;

    public static string Cpu =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";

    public static string Os => RuntimeInformation.OSDescription;

    public static string DotNet => Environment.Version.ToString();

    /// <summary>The 1, 5 and 15 minute load averages, as uptime prints them.</summary>
    public static string LoadAverage =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public static double OneMinuteLoad =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : 0;

    /// <summary>Resident set size of a process, in bytes.</summary>
    public static long ResidentBytes(int processId) => ProcKilobytes($"/proc/{processId}/status", "VmRSS:") * 1024;

    /// <summary>CPU time (user + system) a process has used so far, in seconds (Linux clock ticks, 1/100 s).</summary>
    public static double CpuSeconds(int processId)
    {
        // The command name (field 2) may contain spaces: count fields after its closing parenthesis.
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    static long ProcKilobytes(string path, string key)
    {
        var line = File.ReadLines(path).First(l => l.StartsWith(key, StringComparison.Ordinal));
        return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
