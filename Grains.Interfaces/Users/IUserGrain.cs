using Orleans;
using Orleans.Concurrency;

namespace Flattr.Users;

/// <summary>
/// One user (key = <c>users.id</c>). Every method throws <see cref="FlattrException"/> <c>not_found</c> when no such user exists.
/// Accounts are created through <see cref="IUserDirectoryGrain.Register"/>, never here.
/// </summary>
[Alias("Flattr.IUserGrain")]
public interface IUserGrain : IGrainWithIntegerKey
{
    [ReadOnly]
    Task<UserProfile> GetProfile();

    Task<UserProfile> UpdateProfile(ProfileUpdate update);

    [ReadOnly]
    Task<UserCredentials> GetCredentials();

    /// <summary>Stores a new hash (password change, or a rehash after the hasher upgraded its format).</summary>
    Task SetPasswordHash(string passwordHash);

    Task MarkEmailVerified();

    /// <summary>Reads the profile from the database again, after a change written beside this grain (e-mail change, deletion).</summary>
    Task<UserProfile> Reload();

    /// <summary>Sets the monthly budget (200–10,000 cents by default, else <c>invalid_parameters</c>).</summary>
    Task<BudgetChange> SetBudget(long amountCents);

    /// <summary>Stops giving: no budget from the next month (or this month, if no budget was ever set).</summary>
    Task<BudgetChange> PauseBudget();

    [ReadOnly]
    Task<BudgetSchedule> GetBudget();

    /// <summary>What Flattr owes this user now, in cents (deposits + income − spent − paid out).</summary>
    [ReadOnly]
    Task<long> GetBalance();

    [ReadOnly]
    Task<AccountSummary> GetAccountSummary();
}
