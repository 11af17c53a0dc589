namespace Flattr.Money;

/// <summary>
/// Splits a giver's monthly spend equally among the things they clicked, in whole cents, by largest
/// remainder: every thing gets spend / n, and the spend % n leftover cents go one each to the things
/// with the lowest ids (all remainders are equal, so the thing id is the deterministic tie-break).
/// The shares add up to the spend exactly and each is within one cent of spend / n.
/// </summary>
public static class ShareSplitter
{
    /// <summary>Returns (thing id, share) pairs in ascending thing id order.</summary>
    public static IReadOnlyList<ThingShare> Split(long spendCents, IReadOnlyList<long> thingIds)
    {
        ArgumentNullException.ThrowIfNull(thingIds);
        ArgumentOutOfRangeException.ThrowIfNegative(spendCents);
        if (thingIds.Count == 0)
        {
            return [];
        }

        var sorted = thingIds.ToArray();
        Array.Sort(sorted);
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] == sorted[i - 1])
            {
                throw new ArgumentException($"Thing {sorted[i]} appears twice; a giver clicks a thing at most once a month.", nameof(thingIds));
            }
        }

        var baseShare = spendCents / sorted.Length;
        var extraCents = spendCents % sorted.Length;
        var shares = new ThingShare[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            shares[i] = new ThingShare(sorted[i], baseShare + (i < extraCents ? 1 : 0));
        }

        return shares;
    }
}

/// <summary>One thing's share of a giver's spend, in cents.</summary>
public readonly record struct ThingShare(long ThingId, long AmountCents);
