using Orleans;
using Orleans.Concurrency;

namespace Flattr.Users;

/// <summary>
/// Registration and look-ups. Holds no state: the unique indexes decide who gets a username, so several local
/// activations ([StatelessWorker]) can serve sign-ups and look-ups side by side without a single-grain bottleneck.
/// </summary>
[StatelessWorker]
public sealed class UserDirectoryGrain(UserStore users) : Grain, IUserDirectoryGrain
{
    public Task<UserProfile> Register(SignUp signUp)
    {
        ArgumentNullException.ThrowIfNull(signUp);
        var valid = new SignUp(
            UserRules.Username(signUp.Username),
            UserRules.Email(signUp.Email),
            UserRules.DisplayName(signUp.DisplayName),
            UserRules.Language(signUp.Language),
            UserRules.PasswordHash(signUp.PasswordHash));
        return users.InsertAsync(valid, CancellationToken.None);
    }

    public Task<long?> FindByUsername(string username) =>
        string.IsNullOrWhiteSpace(username) ? Task.FromResult<long?>(null) : users.FindByUsernameAsync(username.Trim(), CancellationToken.None);

    public Task<long?> FindByEmail(string email) =>
        string.IsNullOrWhiteSpace(email) ? Task.FromResult<long?>(null) : users.FindByEmailAsync(email.Trim(), CancellationToken.None);

    public Task<long> CountUsers() => users.CountAsync(CancellationToken.None);
}
