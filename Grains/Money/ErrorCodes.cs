namespace Flattr.Money;

/// <summary>Flattr API v2 error codes, used end to end from the stores to HTTP.</summary>
public static class ErrorCodes
{
    public const string FlattrOnce = "flattr_once";
    public const string FlattrOwner = "flattr_owner";
    public const string NotFound = "not_found";
    public const string ThingInactive = "thing_inactive";
    public const string NoMeans = "no_means";
    public const string MonthClosed = "month_closed";
    public const string InvalidParameters = "invalid_parameters";
    public const string Conflict = "conflict";
    public const string InsufficientFunds = "insufficient_funds";
}
