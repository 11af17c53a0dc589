using Flattr.Clicks;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;

namespace Flattr.Hosting;

/// <summary>
/// Makes database failures cross grain calls. Npgsql's exceptions have no Orleans codec: one escaping a grain, even as the
/// inner exception of a serializable one, would reach the caller as a <c>CodecNotFoundException</c>. So, for every grain call:
/// <list type="bullet">
/// <item>a transient Npgsql failure anywhere in the exception chain (connection refused or lost, the session terminated by
/// the server, server shutting down or starting, deadlock: e.g. inside a failed click batch) becomes a <see cref="DatabaseUnavailableException"/>;</item>
/// <item>text PostgreSQL cannot store (the NUL character, U+0000) becomes <c>invalid_parameters</c>: the caller's mistake,
/// and PostgreSQL refused the whole statement, so nothing of the call was stored;</item>
/// <item>a <see cref="FlattrException"/> or <see cref="ClickBatchFailedException"/> whose cause is a database exception
/// keeps its code and message and loses the cause (logged here at debug level);</item>
/// <item>anything else passes unchanged.</item>
/// </list>
/// </summary>
public sealed partial class DatabaseErrorsFilter(ILogger<DatabaseErrorsFilter> logger) : IIncomingGrainCallFilter
{
    /// <summary>How deep the exception chain is searched (a cycle or a freak chain must not hang the call).</summary>
    const int MaximumDepth = 16;

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await context.Invoke();
        }
        catch (Exception exception) when (Translate(exception) is { } translated)
        {
            if (translated is DatabaseUnavailableException)
            {
                DatabaseUnavailable(logger, context.InterfaceName, context.MethodName, exception);
            }
            else
            {
                Translated(logger, context.InterfaceName, context.MethodName, translated.GetType().Name, exception);
            }

            throw translated;
        }
    }

    /// <summary>What a failed grain call throws to its caller instead of <paramref name="exception"/>; null to let it pass.</summary>
    internal static Exception? Translate(Exception exception)
    {
        if (IsDatabaseUnavailable(exception, 0))
        {
            return new DatabaseUnavailableException();
        }

        if (IsUnstorableText(exception))
        {
            return new FlattrException(FlattrErrors.InvalidParameters, "Text may not contain the NUL character (U+0000).");
        }

        return exception switch
        {
            FlattrException flattr when HasDatabaseCause(flattr) => new FlattrException(flattr.Code, flattr.Message),
            ClickBatchFailedException batch when HasDatabaseCause(batch) => batch.WithoutCause(),
            _ => null,
        };
    }

    static bool IsDatabaseUnavailable(Exception? exception, int depth)
    {
        for (; exception is not null && depth < MaximumDepth; depth++)
        {
            // Npgsql does not count the server ending the session (pg_terminate_backend, a shutdown) as transient: the next
            // connection from the pool works, so it is.
            if (exception is NpgsqlException { IsTransient: true }
                or PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown })
            {
                return true;
            }

            if (exception is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Any(inner => IsDatabaseUnavailable(inner, depth + 1));
            }

            exception = exception.InnerException;
        }

        return false;
    }

    static bool IsUnstorableText(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < MaximumDepth; depth++)
        {
            if (exception is PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter })
            {
                return true;
            }

            exception = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : exception.InnerException;
        }

        return false;
    }

    static bool HasDatabaseCause(Exception exception)
    {
        var cause = exception.InnerException;
        for (var depth = 0; cause is not null && depth < MaximumDepth; depth++)
        {
            if (cause is NpgsqlException)
            {
                return true;
            }

            cause = cause.InnerException;
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Interface}.{Method} failed: the database is unavailable")]
    static partial void DatabaseUnavailable(ILogger logger, string @interface, string method, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Interface}.{Method} failed; the caller gets a {Translated} without the database exception")]
    static partial void Translated(ILogger logger, string @interface, string method, string translated, Exception exception);
}
