using System.Collections.Immutable;
using System.Globalization;
using Flattr.Profiles;
using Flattr.Web.Accounts;
using Flattr.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Orleans;

namespace Flattr.Web.Profiles;

/// <summary>
/// <c>/me/profile</c>: the signed-in user's bio, links and avatar. Links must be http(s); the avatar is re-encoded
/// (<see cref="AvatarImage"/>) before it is stored, and a file that is not a PNG, JPEG or WebP picture is refused.
/// </summary>
[Authorize]
[RequestSizeLimit(4 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 4 * 1024 * 1024)]
public sealed class EditProfileModel(IGrainFactory grains, AvatarImage avatars, IOptions<ProfileOptions> options) : PageModel
{
    [BindProperty]
    public string Bio { get; set; } = string.Empty;

    [BindProperty]
    public List<string> Links { get; set; } = [];

    public PublicProfile Profile { get; private set; } = null!;

    public string Username { get; private set; } = string.Empty;

    public string? Notice { get; private set; }

    public bool NoticeIsError { get; private set; }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Bio = Profile.Bio;
        Links = [.. Profile.Links];
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var texts = Texts.Current;
        var links = ImmutableArray.CreateBuilder<string>();
        foreach (var link in Links.Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            if (!ProfileLinks.TryNormalise(link, out var absolute))
            {
                return await RefuseAsync(string.Format(CultureInfo.CurrentCulture, texts.ErrorProfileLink, link.Trim()));
            }

            links.Add(absolute);
        }

        if (links.Count > PublicProfile.MaximumLinks)
        {
            return await RefuseAsync(texts.ErrorProfileLinkCount);
        }

        if ((Bio ?? string.Empty).Trim().Length > PublicProfile.MaximumBioLength)
        {
            return await RefuseAsync(texts.ErrorBioLength);
        }

        Profile = await grains.GetProfile(User.RequiredUserId()).Update(new ProfileDetails(Bio ?? string.Empty, links.ToImmutable()));
        Bio = Profile.Bio;
        Links = [.. Profile.Links];
        await LoadAsync();
        Notice = texts.ProfileSaved;
        return Page();
    }

    public async Task<IActionResult> OnPostAvatarAsync(IFormFile? avatar)
    {
        var texts = Texts.Current;
        if (avatar is null || avatar.Length == 0)
        {
            return await RefuseAvatarAsync(texts.ErrorAvatarMissing);
        }

        var limit = options.Value.MaximumAvatarUploadBytes;
        if (avatar.Length > limit)
        {
            return await RefuseAvatarAsync(string.Format(CultureInfo.CurrentCulture, texts.ErrorAvatarTooLarge, limit / (1024 * 1024)));
        }

        byte[] upload;
        await using (var stream = avatar.OpenReadStream())
        {
            using var buffer = new MemoryStream((int)avatar.Length);
            await stream.CopyToAsync(buffer, HttpContext.RequestAborted);
            upload = buffer.ToArray();
        }

        var result = avatars.ReEncode(upload);
        if (result.Avatar is not { } encoded)
        {
            return await RefuseAvatarAsync(result.Refusal switch
            {
                AvatarRefusal.TooLarge => string.Format(CultureInfo.CurrentCulture, texts.ErrorAvatarTooLarge, limit / (1024 * 1024)),
                AvatarRefusal.TooManyPixels => texts.ErrorAvatarDimensions,
                _ => texts.ErrorAvatarNotImage,
            });
        }

        await grains.GetProfile(User.RequiredUserId()).SetAvatar(encoded);
        await OnGetAsync();
        Notice = texts.AvatarSaved;
        return Page();
    }

    async Task<IActionResult> RefuseAsync(string message)
    {
        await LoadAsync();
        Notice = message;
        NoticeIsError = true;
        return Page();
    }

    async Task<IActionResult> RefuseAvatarAsync(string message)
    {
        await OnGetAsync();
        Notice = message;
        NoticeIsError = true;
        return Page();
    }

    async Task LoadAsync()
    {
        var userId = User.RequiredUserId();
        Profile = await grains.GetProfile(userId).GetProfile();
        Username = (await grains.GetUser(userId).GetProfile()).Username;
    }
}
