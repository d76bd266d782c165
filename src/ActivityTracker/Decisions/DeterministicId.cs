using System.Security.Cryptography;
using System.Text;

namespace ActivityTracker.Decisions;

/// <summary>
/// Name-based UUIDs (RFC 9562 version 5): the same kind and code always give the same
/// stream id, so reference data is found by its code and seeding it twice is harmless.
/// </summary>
public static class DeterministicId
{
    static readonly Guid Namespace = new("5f4c3f0e-8a59-4b8e-9a53-2f0c6a1d7b11");

    public static Guid For(string kind, string code)
    {
        var name = Encoding.UTF8.GetBytes($"{kind}:{code.Trim().ToUpperInvariant()}");
        var input = Namespace.ToByteArray(bigEndian: true).Concat(name).ToArray();
        var hash = SHA1.HashData(input).AsSpan(0, 16).ToArray();
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(hash, bigEndian: true);
    }
}
