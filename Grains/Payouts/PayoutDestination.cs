namespace Flattr.Payouts;

/// <summary>Where a user's payouts go, in full (the grains only; everything outside sees <see cref="PayoutAccount"/>, masked).</summary>
public sealed record PayoutDestination(string Iban, string HolderName, DateTimeOffset UpdatedAt)
{
    public PayoutAccount Masked => new(Payouts.Iban.Mask(Iban), HolderName, UpdatedAt);
}
