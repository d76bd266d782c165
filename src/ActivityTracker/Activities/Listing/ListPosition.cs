using System.Buffers.Binary;
using System.Buffers.Text;

namespace ActivityTracker.Activities.Listing;

/// <summary>
/// Where a page of the activity list ends: the recording time and id of its last activity. The list is ordered by
/// both (newest first, the id breaking ties) and an activity keeps them for good, so the next page is "every activity
/// before this one", whatever was recorded in between: nothing older is skipped or repeated. Clients get it as an
/// opaque token: base64url of a format byte, the time in microseconds and the id.
/// </summary>
public readonly record struct ListPosition(DateTimeOffset RecordedAt, Guid Id)
{
    const byte Format = 1;
    const int Length = 1 + sizeof(long) + 16;

    // The database keeps microseconds counted from 2000-01-01: a position read from a row (ActivityListing) is a
    // whole number of them, so the token holds it exactly.
    static readonly long PostgresEpoch = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    public string Token
    {
        get
        {
            Span<byte> bytes = stackalloc byte[Length];
            bytes[0] = Format;
            BinaryPrimitives.WriteInt64BigEndian(bytes[1..], Microseconds(RecordedAt));
            Id.TryWriteBytes(bytes[(1 + sizeof(long))..], bigEndian: true, out _);
            return Base64Url.EncodeToString(bytes);
        }
    }

    /// <summary>Reads a token <see cref="Token"/> wrote; false for anything else (wrong length, format or time).</summary>
    public static bool TryRead(string? token, out ListPosition position)
    {
        position = default;
        // A token is 34 characters: refuse long input before decoding it.
        if (token is null || token.Length > 64)
            return false;
        Span<byte> bytes = stackalloc byte[48];
        // The OperationStatus overload: TryDecodeFromChars throws on characters outside the alphabet.
        if (Base64Url.DecodeFromChars(token, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != Length || bytes[0] != Format)
            return false;
        var microseconds = BinaryPrimitives.ReadInt64BigEndian(bytes[1..]);
        var ticks = (Int128)microseconds * 10 + PostgresEpoch;
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
            return false;
        position = new ListPosition(new DateTimeOffset((long)ticks, TimeSpan.Zero), new Guid(bytes.Slice(1 + sizeof(long), 16), bigEndian: true));
        return true;
    }

    static long Microseconds(DateTimeOffset at) => (at.UtcTicks - PostgresEpoch) / 10;
}
