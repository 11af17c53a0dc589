namespace Silo.Testing.Hosting;

public enum SiloStopMode
{
    /// <summary>As a normal shutdown: the host stops, every activation is deactivated (OnDeactivateAsync runs).</summary>
    Graceful,

    /// <summary>As a crash: no deactivation, no OnDeactivateAsync, the process's timers never fire again, its connections close.
    /// Only what was already written to the database survives.</summary>
    Abrupt,
}
