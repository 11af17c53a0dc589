namespace Flattr;

/// <summary>The error codes grains raise in <see cref="FlattrException.Code"/>: Flattr API v2 names, used end to end.</summary>
public static class FlattrErrors
{
    /// <summary>The giver already flattred this thing this month.</summary>
    public const string FlattrOnce = "flattr_once";

    /// <summary>Nobody may flattr their own thing.</summary>
    public const string FlattrOwner = "flattr_owner";

    /// <summary>Nobody may subscribe to their own thing.</summary>
    public const string ThingOwner = "thing_owner";

    /// <summary>The giver already has a running subscription to this thing.</summary>
    public const string Subscribed = "subscribed";

    public const string NotFound = "not_found";

    /// <summary>The thing was deleted: it keeps its history but takes no more flattrs.</summary>
    public const string ThingInactive = "thing_inactive";

    /// <summary>No budget for the month, or a balance of zero.</summary>
    public const string NoMeans = "no_means";

    /// <summary>The month is over, settling or settled (or not yet begun): no clicks, no withdrawals.</summary>
    public const string MonthClosed = "month_closed";

    public const string InvalidParameters = "invalid_parameters";

    /// <summary>Well-formed but refused by a rule about the data, e.g. an auto-submit URL owned by someone else ("Owner mismatch").</summary>
    public const string Validation = "validation";

    /// <summary>Unique data already taken: a username, an e-mail address, a thing's URL.</summary>
    public const string Conflict = "conflict";

    /// <summary>The balance does not cover the amount (payouts).</summary>
    public const string InsufficientFunds = "insufficient_funds";

    /// <summary>The caller may not change this resource (e.g. someone else's thing).</summary>
    public const string Forbidden = "forbidden";

    /// <summary>A signature or credential did not verify (e.g. a forged payment webhook).</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>The HTTP status Flattr API v2 used for each code; 400 for codes it does not know.</summary>
    public static int HttpStatusFor(string code) => code switch
    {
        InvalidParameters or Validation => 400,
        Unauthorized or NoMeans => 401,
        FlattrOnce or FlattrOwner or ThingOwner or Subscribed or Forbidden => 403,
        NotFound => 404,
        Conflict or MonthClosed => 409,
        ThingInactive => 410,
        InsufficientFunds => 422,
        _ => 400,
    };
}
