using Flattr.Ledger;
using Orleans;

namespace Flattr.Users;

/// <summary>
/// One user: the profile cached in memory, budget and balance through the ledger stores. Non-reentrant: profile and
/// budget changes of one user are one at a time; reads are [ReadOnly] on the interface.
/// </summary>
public sealed class UserGrain(UserStore users, BudgetStore budgets, LedgerStore ledger, TimeProvider time) : Grain, IUserGrain
{
    UserProfile? _profile;

    long UserId => this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _profile = await users.GetAsync(UserId, cancellationToken);

    public async Task<UserProfile> GetProfile() => await RequireProfileAsync();

    public async Task<UserProfile> UpdateProfile(ProfileUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var profile = await RequireProfileAsync();
        _profile = await users.UpdateProfileAsync(
            UserId,
            update.DisplayName is null ? profile.DisplayName : UserRules.DisplayName(update.DisplayName),
            update.Language is null ? profile.Language : UserRules.Language(update.Language),
            update.AnonymousByDefault ?? profile.AnonymousByDefault,
            CancellationToken.None) ?? throw NotFound();
        return _profile;
    }

    public async Task<UserCredentials> GetCredentials()
    {
        await RequireProfileAsync();
        return await users.GetCredentialsAsync(UserId, CancellationToken.None) ?? throw NotFound();
    }

    public async Task SetPasswordHash(string passwordHash)
    {
        await RequireProfileAsync();
        if (UserRules.PasswordHash(passwordHash) is not { } valid)
        {
            throw new FlattrException(FlattrErrors.InvalidParameters, "A password hash is required.");
        }

        await users.SetPasswordHashAsync(UserId, valid, CancellationToken.None);
    }

    public async Task MarkEmailVerified()
    {
        await RequireProfileAsync();
        _profile = await users.MarkEmailVerifiedAsync(UserId, CancellationToken.None) ?? throw NotFound();
    }

    public async Task<UserProfile> Reload()
    {
        _profile = null;
        return await RequireProfileAsync();
    }

    public async Task<BudgetChange> SetBudget(long amountCents)
    {
        await RequireProfileAsync();
        return await ChangeBudgetAsync(() => budgets.SetAsync(UserId, amountCents, CancellationToken.None));
    }

    public async Task<BudgetChange> PauseBudget()
    {
        await RequireProfileAsync();
        return await ChangeBudgetAsync(() => budgets.PauseAsync(UserId, CancellationToken.None));
    }

    public async Task<BudgetSchedule> GetBudget()
    {
        await RequireProfileAsync();
        return await ScheduleAsync();
    }

    public async Task<long> GetBalance()
    {
        await RequireProfileAsync();
        return await ledger.GetBalanceAsync(UserId, CancellationToken.None);
    }

    public async Task<AccountSummary> GetAccountSummary()
    {
        await RequireProfileAsync();
        var schedule = await ScheduleAsync();
        var month = await GrainFactory.GetWallet(UserId, schedule.Month).GetMonth();
        return new AccountSummary(UserId, month.Month, month.BudgetCents, schedule.NextMonthCents, month.BalanceCents, month.Clicks.Length,
            month.ValueOfOneClickCents);
    }

    async Task<BudgetChange> ChangeBudgetAsync(Func<Task<BudgetChange>> change)
    {
        var changed = await change();
        if (changed.AppliesThisMonth)
        {
            // A first budget applies at once: the open wallet must see it before the next click.
            await GrainFactory.GetWallet(UserId, Month.Current(time)).RefreshMeans();
        }

        return changed;
    }

    async Task<BudgetSchedule> ScheduleAsync()
    {
        var month = Month.Current(time);
        var periods = await budgets.GetScheduleAsync(UserId, CancellationToken.None);
        long AmountFor(Month m) => periods.LastOrDefault(p => p.EffectiveMonth <= m)?.AmountCents ?? 0;
        var current = AmountFor(month);
        var next = AmountFor(month.Next());
        return new BudgetSchedule(month, current, next != current ? next : null) { NeverSet = periods.Count == 0 };
    }

    /// <summary>A user unknown at activation may have registered since (ids come from the database): look again.</summary>
    async Task<UserProfile> RequireProfileAsync() =>
        _profile ??= await users.GetAsync(UserId, CancellationToken.None) ?? throw NotFound();

    FlattrException NotFound() => new(FlattrErrors.NotFound, $"There is no user {UserId}.");
}
