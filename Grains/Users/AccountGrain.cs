using Flattr.Money;
using Flattr.Wallets;
using Microsoft.Extensions.Options;
using Orleans;

namespace Flattr.Users;

/// <summary>
/// An account's life: mailed single-use tokens and deletion. Non-reentrant: one change of an account at a time. Deletion goes
/// through the grains that own what it touches (subscriptions, the open month's wallet, the things), so counts, live views and
/// the wallets stay right, and only then replaces the user row's name and address.
/// </summary>
public sealed class AccountGrain(AccountTokenStore tokens, AccountDeletionStore deletion, UserStore users, IOptions<MoneyRules> rules, TimeProvider time)
    : Grain, IAccountGrain
{
    /// <summary>How long a password-reset link works.</summary>
    public static readonly TimeSpan PasswordResetLifetime = TimeSpan.FromHours(1);

    /// <summary>How long a link confirming a new e-mail address works.</summary>
    public static readonly TimeSpan EmailChangeLifetime = TimeSpan.FromDays(2);

    /// <summary>How long a deleted account's remaining balance is kept, claimable by writing from the account's former address.</summary>
    public const int KeptForMonths = 12;

    long UserId => this.GetPrimaryKeyLong();

    public async Task<string> IssuePasswordReset()
    {
        await GrainFactory.GetUser(UserId).GetProfile();
        var token = SecretTokens.Create();
        var now = time.GetUtcNow();
        await tokens.InsertPasswordResetAsync(SecretTokens.Hash(token), UserId, now, now + PasswordResetLifetime, CancellationToken.None);
        return token;
    }

    public async Task<bool> ResetPassword(string token, string passwordHash) =>
        !string.IsNullOrEmpty(token) && token.Length <= 100 && UserRules.PasswordHash(passwordHash) is { } hash
        && await tokens.ResetPasswordAsync(SecretTokens.Hash(token), UserId, hash, time.GetUtcNow(), CancellationToken.None);

    public async Task<string?> IssueEmailChange(string newEmail)
    {
        var email = UserRules.Email(newEmail);
        await GrainFactory.GetUser(UserId).GetProfile();
        if (await users.FindByEmailAsync(email, CancellationToken.None) is not null)
        {
            return null;
        }

        var token = SecretTokens.Create();
        var now = time.GetUtcNow();
        await tokens.InsertEmailChangeAsync(SecretTokens.Hash(token), UserId, email, now, now + EmailChangeLifetime, CancellationToken.None);
        return token;
    }

    public async Task<EmailChangeOutcome> ConfirmEmailChange(string token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return EmailChangeOutcome.Invalid;
        }

        var outcome = await tokens.ChangeEmailAsync(SecretTokens.Hash(token), UserId, time.GetUtcNow(), CancellationToken.None);
        if (outcome == EmailChangeOutcome.Changed)
        {
            await GrainFactory.GetUser(UserId).Reload();
        }

        return outcome;
    }

    public async Task<AccountDeletion> CheckDeletion()
    {
        await GrainFactory.GetUser(UserId).GetProfile();
        var money = await deletion.GetMoneyAsync(UserId, CancellationToken.None);
        var month = await GrainFactory.GetWallet(UserId, Month.Current(time)).GetMonth();
        var minimum = rules.Value.MinimumPayoutCents;
        var income = money.IncomeHeldCents;
        return new AccountDeletion(
            Allowed: income < minimum && !money.IncomePending,
            Deleted: false,
            money.BalanceCents,
            income,
            minimum,
            money.IncomePending,
            KeptCents: money.BalanceCents,
            KeptForMonths,
            OpenMonthClicks: month.Status == MonthStatus.Open ? month.Clicks.Length : 0,
            money.ActiveThings);
    }

    public async Task<AccountDeletion> Delete()
    {
        var check = await CheckDeletion();
        if (!check.Allowed)
        {
            return check;
        }

        // No browser of the account acts while it is taken apart (the final step ends sessions created meanwhile too).
        await GrainFactory.GetSessions().EndAll(UserId);
        var subscriptions = GrainFactory.GetSubscriptions(UserId);
        foreach (var subscription in await subscriptions.List())
        {
            await subscriptions.Cancel(subscription.ThingId);
        }

        var month = Month.Current(time);
        var wallet = GrainFactory.GetWallet(UserId, month);
        var open = await wallet.GetMonth();
        if (open.Status == MonthStatus.Open)
        {
            foreach (var click in open.Clicks)
            {
                await wallet.Withdraw(click.ThingId);
            }
        }

        await DeleteThingsAsync();
        await deletion.PseudonymiseAsync(UserId, month, time.GetUtcNow(), CancellationToken.None);
        await wallet.RefreshMeans();
        await GrainFactory.GetUser(UserId).Reload();
        return check with { Deleted = true };
    }

    async Task DeleteThingsAsync()
    {
        var registry = GrainFactory.GetThingRegistry();
        while ((await registry.ListByOwner(UserId, includeHidden: true, page: 1, count: 50)).Things is { IsEmpty: false } things)
        {
            foreach (var thing in things)
            {
                await GrainFactory.GetThing(thing.Info.Id).Delete(UserId);
            }
        }
    }
}
