using Npgsql;

namespace Flattr.Web.Hosting;

/// <summary>
/// Text that PostgreSQL cannot store (the NUL character, U+0000, in any form field, query, route value or JSON string) is the
/// caller's mistake, not the server's: answers 400 <c>invalid_parameters</c> instead of a 500. PostgreSQL refuses the whole
/// statement, so nothing of the request was stored.
/// </summary>
public sealed class UnstorableTextMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context);
        }
        catch (Exception e) when (IsUnstorableText(e) && !context.Response.HasStarted)
        {
            context.Response.Clear();
            await ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, FlattrErrors.InvalidParameters,
                Localization.Texts.Current.ErrorUnstorableText, context.RequestAborted);
        }
    }

    static bool IsUnstorableText(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 16; depth++)
        {
            if (exception is PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter })
            {
                return true;
            }

            exception = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : exception.InnerException;
        }

        return false;
    }
}
