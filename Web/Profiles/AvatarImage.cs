using System.Security.Cryptography;
using Flattr.Profiles;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Flattr.Web.Profiles;

/// <summary>
/// Turns an upload into the stored avatar with ImageSharp: only PNG, JPEG and WebP are decoded (GIF, BMP, TIFF, TGA and PBM
/// decoders are not registered), the header's dimensions are checked before any pixel is decoded, the picture is cropped to
/// its centre square and resized, and only its pixels are copied into a fresh image encoded as PNG, so no metadata (EXIF,
/// GPS, ICC, text chunks) or hidden payload of the upload survives.
/// </summary>
public sealed class AvatarImage(IOptions<ProfileOptions> options, TimeProvider time)
{
    static readonly Configuration s_decoders = new(new PngConfigurationModule(), new JpegConfigurationModule(), new WebpConfigurationModule());

    /// <summary>The re-encoded avatar, or the reason the upload was refused.</summary>
    public AvatarResult ReEncode(byte[] upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var limits = options.Value;
        if (upload.Length == 0)
        {
            return AvatarResult.Refused(AvatarRefusal.NotAnImage);
        }

        if (upload.Length > limits.MaximumAvatarUploadBytes)
        {
            return AvatarResult.Refused(AvatarRefusal.TooLarge);
        }

        try
        {
            var info = Image.Identify(s_decoders, upload, out _);
            if (info is null)
            {
                return AvatarResult.Refused(AvatarRefusal.NotAnImage);
            }

            if (info.Width < 1 || info.Height < 1 || info.Width > limits.MaximumSourcePixels || info.Height > limits.MaximumSourcePixels)
            {
                return AvatarResult.Refused(AvatarRefusal.TooManyPixels);
            }

            using var decoded = Image.Load<Rgba32>(s_decoders, upload);
            var size = limits.AvatarSize;
            decoded.Mutate(image => image.AutoOrient().Resize(new ResizeOptions
            {
                Size = new Size(size, size),
                Mode = ResizeMode.Crop,
                Position = AnchorPositionMode.Center,
                Sampler = KnownResamplers.Lanczos3,
            }));
            var pixels = new Rgba32[size * size];
            decoded.CopyPixelDataTo(pixels);
            using var clean = Image.LoadPixelData<Rgba32>(pixels, size, size);
            using var output = new MemoryStream();
            clean.Save(output, new PngEncoder { CompressionLevel = PngCompressionLevel.BestCompression });
            var bytes = output.ToArray();
            var etag = Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 16));
            return AvatarResult.Done(new Avatar(bytes, Avatar.Png, etag, time.GetUtcNow()));
        }
        catch (Exception e) when (e is ImageFormatException or NotSupportedException or ArgumentException)
        {
            // UnknownImageFormatException and InvalidImageContentException are ImageFormatExceptions: a truncated or
            // forged file is refused like any other non-image.
            return AvatarResult.Refused(AvatarRefusal.NotAnImage);
        }
    }
}
