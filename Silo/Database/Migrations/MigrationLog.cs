using Microsoft.Extensions.Logging;

namespace Flattr.Silo.Database.Migrations;

static partial class MigrationLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Applied migration {Module} {Version}_{Name}")]
    public static partial void Applied(ILogger logger, string module, int version, string name);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Database schema up to date ({ModuleCount} modules)")]
    public static partial void UpToDate(ILogger logger, int moduleCount);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Applying database migrations of {Modules}")]
    public static partial void Starting(ILogger logger, string modules);
}
