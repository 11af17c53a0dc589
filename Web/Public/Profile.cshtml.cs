using Flattr.Profiles;
using Flattr.Subscriptions;
using Flattr.Things;
using Flattr.Users;
using Flattr.Web.Accounts;
using Flattr.Web.Button;
using Flattr.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Orleans;

namespace Flattr.Web.Public;

/// <summary>
/// A user's public profile: name, avatar, bio, links, supporters and public things (never the e-mail address), and
/// "flattr this creator", which subscribes the signed-in giver to the creator's newest public thing.
/// </summary>
public sealed class ProfileModel(IGrainFactory grains) : PageModel
{
    public UserProfile Profile { get; private set; } = null!;

    public PublicProfile Details { get; private set; } = null!;

    public long Supporters { get; private set; }

    public ThingPage Things { get; private set; } = new([], 0, 1, 50);

    public string? Notice { get; private set; }

    public bool NoticeIsError { get; private set; }

    public bool IsSelf => User.UserId() == Profile.Id;

    /// <summary>The thing "flattr this creator" subscribes to: the newest active public one.</summary>
    public ThingSnapshot? Newest => Things.Things.FirstOrDefault(t => t.Info.IsActive && !t.Info.Hidden);

    public async Task<IActionResult> OnGetAsync(string? username) => await LoadAsync(username) ? Page() : NotFound();

    public async Task<IActionResult> OnPostFlattrCreatorAsync(string? username, SubscriptionTerm term)
    {
        if (!await LoadAsync(username))
        {
            return NotFound();
        }

        if (User.UserId() is not { } giverId)
        {
            return Challenge();
        }

        if (Newest is not { } newest)
        {
            Notice = Texts.Current.CreatorHasNoThings;
            NoticeIsError = true;
            return Page();
        }

        try
        {
            await grains.GetSubscriptions(giverId).Subscribe(newest.Info.Id, term);
            Notice = string.Format(System.Globalization.CultureInfo.CurrentCulture, Texts.Current.FlattredCreatorNotice, newest.Info.Title);
            await LoadAsync(username);
        }
        catch (FlattrException e)
        {
            Notice = Flattring.Explain(e);
            NoticeIsError = true;
        }

        return Page();
    }

    async Task<bool> LoadAsync(string? username)
    {
        // A blank name (/profile/%20) binds as null.
        if (string.IsNullOrWhiteSpace(username))
        {
            return false;
        }

        var id = await grains.GetUserDirectory().FindByUsername(username.ToLowerInvariant());
        if (id is null)
        {
            return false;
        }

        Profile = await grains.GetUser(id.Value).GetProfile();
        var profile = grains.GetProfile(id.Value);
        Details = await profile.GetProfile();
        Supporters = await profile.GetSupporterCount();
        Things = await grains.GetThingRegistry().ListByOwner(id.Value, includeHidden: User.UserId() == id, 1, 50);
        return true;
    }
}
