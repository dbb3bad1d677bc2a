using Ledger.Access;
using Marten;

namespace Ledger.Writing;

/// <summary>
/// Wolverine HTTP middleware on writes that do not act on a traveller's stream (webhooks, imports, groups): stamps the
/// session with who records and the request's correlation id. Traveller writes are stamped by
/// <see cref="TravellerWrite.Open"/>, messages by <see cref="RecordingMiddleware"/>.
/// </summary>
public static class StampRecording
{
    public static void Before(HttpContext http, IDocumentSession session) =>
        new Recording(Caller.Of(http).Subject, Recording.CorrelationIdOf(http)).StampOn(session);
}
