using Orleans;

namespace Flattr.Payouts;

/// <summary>Where a user's payouts go, as shown back to them: the IBAN masked (<c>DE•• •••• 3000</c>) and the holder's name.</summary>
[GenerateSerializer, Immutable, Alias("Flattr.PayoutAccount")]
public sealed record PayoutAccount(string MaskedIban, string HolderName, DateTimeOffset UpdatedAt);
