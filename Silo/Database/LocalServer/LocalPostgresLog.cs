using Microsoft.Extensions.Logging;

namespace Flattr.Silo.Database.LocalServer;

static partial class LocalPostgresLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Reusing the private PostgreSQL server in {DataDirectory} on port {Port}")]
    public static partial void Reusing(ILogger logger, string dataDirectory, int port);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Starting a private PostgreSQL server in {DataDirectory} on 127.0.0.1:{Port}")]
    public static partial void Starting(ILogger logger, string dataDirectory, int port);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Creating a PostgreSQL cluster in {DataDirectory}")]
    public static partial void Initialising(ILogger logger, string dataDirectory);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "No PostgreSQL server binaries found: installing Debian's postgresql package")]
    public static partial void Installing(ILogger logger);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "Allowing other users to traverse {Directory} so that the postgres user reaches the data folder")]
    public static partial void OpeningAncestor(ILogger logger, string directory);
}
