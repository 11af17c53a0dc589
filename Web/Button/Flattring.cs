using Flattr.Things;
using Flattr.Wallets;
using Flattr.Web.Localization;
using Orleans;

namespace Flattr.Web.Button;

/// <summary>The one way every page flattrs: through the giver's wallet grain for the current month.</summary>
public static class Flattring
{
    public static IWalletGrain WalletNow(this IGrainFactory grains, long giverId, TimeProvider time) =>
        grains.GetWallet(giverId, Month.Current(time));

    /// <summary>The localised sentence for a Flattr error code.</summary>
    public static string Explain(FlattrException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var texts = Texts.Current;
        var amounts = error.Amounts;
        return error.AmountRule switch
        {
            AmountRules.DepositMinimum when amounts.Length == 2 => Say(texts.ErrorDepositMinimum, amounts),
            AmountRules.DepositMaximum when amounts.Length == 2 => Say(texts.ErrorDepositMaximum, amounts),
            AmountRules.BudgetRange when amounts.Length == 3 => Say(texts.ErrorBudgetRange, amounts),
            _ => ExplainCode(error, texts),
        };
    }

    static string Say(string format, System.Collections.Immutable.ImmutableArray<long> amounts) =>
        string.Format(System.Globalization.CultureInfo.CurrentCulture, format, [.. amounts.Select(Formats.Money)]);

    static string ExplainCode(FlattrException error, Texts texts)
    {
        return error.Code switch
        {
            FlattrErrors.FlattrOnce => texts.ErrorFlattrOnce,
            FlattrErrors.FlattrOwner or FlattrErrors.ThingOwner => texts.ErrorFlattrOwner,
            FlattrErrors.NoMeans => texts.ErrorNoMeans,
            FlattrErrors.ThingInactive => texts.ErrorThingInactive,
            FlattrErrors.MonthClosed => texts.ErrorMonthClosed,
            FlattrErrors.NotFound => texts.ErrorNotFound,
            FlattrErrors.Subscribed => texts.ErrorSubscribed,
            FlattrErrors.Validation => texts.ErrorOwnerMismatch,
            FlattrErrors.Conflict => texts.ErrorUrlTaken,
            FlattrErrors.Forbidden => texts.ErrorForbidden,
            FlattrErrors.InsufficientFunds => texts.ErrorInsufficientFunds,
            FlattrErrors.Unauthorized => texts.ErrorUnauthorized,
            _ => texts.ErrorInvalidParameters,
        };
    }

    public static FlattrResponse ToResponse(this FlattrResult result) =>
        new(result.ThingId, result.ThingMonthClicks, result.ThingTotalClicks, result.ValueOfOneClickCents, Texts.Current.FlattrThanks);

    /// <summary>Looks a thing up by id or by URL; null when unknown.</summary>
    public static async Task<ThingSnapshot?> FindAsync(this IGrainFactory grains, long? thingId, string? url)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var id = thingId ?? (ThingUrl.TryNormalise(url, out var normalised) ? await grains.GetThingRegistry().LookupByUrl(normalised) : null);
        if (id is null)
        {
            return null;
        }

        try
        {
            return await grains.GetThing(id.Value).GetSnapshot();
        }
        catch (FlattrException e) when (e.Code == FlattrErrors.NotFound)
        {
            return null;
        }
    }
}
