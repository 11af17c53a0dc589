using System.Security.Cryptography;
using System.Text;
using Orleans;

namespace Flattr.Limits;

/// <summary>The keys of <see cref="IRateLimitGrain"/>: the limit's name and the partition (an address, an account, a token).</summary>
public static class RateLimitKeys
{
    /// <summary>Partitions longer than this (a login as typed can be anything) are keyed by their SHA-256.</summary>
    const int MaximumPartitionLength = 128;

    public static IRateLimitGrain GetRateLimit(this IGrainFactory grains, string limit, string partition)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IRateLimitGrain>(Key(limit, partition));
    }

    public static string Key(string limit, string partition)
    {
        ArgumentException.ThrowIfNullOrEmpty(limit);
        ArgumentNullException.ThrowIfNull(partition);
        if (partition.Length > MaximumPartitionLength)
        {
            partition = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(partition)));
        }

        return limit + "/" + partition;
    }
}
