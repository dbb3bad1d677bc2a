using Marten;

namespace Ledger.Writing;

/// <summary>Wolverine middleware for every <see cref="ITravellerCommand"/>: stamps the session so every event carries who and why.</summary>
public static class RecordingMiddleware
{
    public static void Before(ITravellerCommand command, IDocumentSession session)
    {
        command.Recording.StampOn(session);
    }
}
