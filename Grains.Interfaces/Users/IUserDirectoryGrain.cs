using Orleans;

namespace Flattr.Users;

/// <summary>
/// Registration and look-ups (singleton, key <see cref="Singletons.Key"/>). The database's unique indexes are the truth:
/// a taken username or e-mail address gives <c>conflict</c>, bad fields give <c>invalid_parameters</c>.
/// </summary>
[Alias("Flattr.IUserDirectoryGrain")]
public interface IUserDirectoryGrain : IGrainWithIntegerKey
{
    Task<UserProfile> Register(SignUp signUp);

    /// <summary>The user id for a username (case-insensitive), or null.</summary>
    Task<long?> FindByUsername(string username);

    /// <summary>The user id for an e-mail address (case-insensitive), or null.</summary>
    Task<long?> FindByEmail(string email);

    Task<long> CountUsers();
}
