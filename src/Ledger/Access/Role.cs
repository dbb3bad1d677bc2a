namespace Ledger.Access;

/// <summary>What a principal is, from the <c>role</c> claims of its token. A principal may hold several roles; its rights are their union.</summary>
public enum Role
{
    /// <summary>A border or partner system: registers travellers and records crossings in its countries.</summary>
    Recorder,
    /// <summary>An immigration authority: reads whole records; records visas, permits and incidents of its countries.</summary>
    Caseworker,
    /// <summary>A partner state: only the shared-records view, answered for its one country.</summary>
    Partner,
    /// <summary>The person: reads its own record, records its own crossings as self-reported.</summary>
    Traveller,
    /// <summary>Reads everything (as-known-at replays, raw events, access logs); writes nothing.</summary>
    Auditor,
    /// <summary>Webhooks, identity erasure, and every read an auditor may make.</summary>
    Admin,
}
