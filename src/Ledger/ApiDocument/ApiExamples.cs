using System.Text.Json.Nodes;
using Ledger.Access;
using Ledger.AccessLog;
using Ledger.Alerts;
using Ledger.Crossings;
using Ledger.History;
using Ledger.Imports;
using Ledger.Operations;
using Ledger.Sharing;
using Ledger.Stays;
using Ledger.Travellers;
using Ledger.Webhooks;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ledger.ApiDocument;

/// <summary>Example request bodies for the document, one per write (valid requests the API accepts).</summary>
public static class ApiExamples
{
    public static string? For(string operationId) => operationId switch
    {
        "registerTraveller" => """{"nationalities":["US"],"givenNames":"Ada","familyName":"Example","documents":[{"type":"passport","number":"X1234567","issuingCountry":"US"}]}""",
        "recordCrossing" => """{"crossingId":"cdg-2025-05-01-entry","direction":"entry","country":"FR","date":"2025-05-01","time":"09:30","timeZone":"Europe/Paris","borderPoint":"CDG","source":"borderSystem"}""",
        "recordCrossingBatch" => """{"crossings":[{"crossingId":"in-1","direction":"entry","country":"FR","date":"2025-05-01"},{"crossingId":"out-1","direction":"exit","country":"DE","date":"2025-05-20"}]}""",
        "correctCrossing" => """{"action":"void","reason":"recorded twice"}""",
        "recordEvidence" => """{"evidenceId":"bp-1","kind":"boardingPass","presentIn":"FR","first":"2025-05-10","last":"2025-05-10","source":"airline"}""",
        "voidEvidence" => """{"reason":"issued to another passenger"}""",
        "resolveAnomaly" => """{"anomalyId":"missingExit:in-1","presumption":"absent","reason":"return ticket seen"}""",
        "recordPermit" => """{"permitId":"fr-rp-1","country":"FR","kind":"residencePermit","first":"2025-01-01","last":"2025-12-31"}""",
        "applyForVisa" => """{"applicationId":"fr-2025-1","state":"FR","type":"C","date":"2025-01-01"}""",
        "issueVisa" => """{"visaId":"V1","applicationId":"fr-2025-1","issuingState":"FR","type":"C","entries":"multiple","validFrom":"2025-01-01","validUntil":"2025-06-30","durationDays":90,"issuedOn":"2024-12-01"}""",
        "refuseVisa" => """{"applicationId":"fr-2025-1","state":"FR","date":"2025-01-05","ground":"insufficient means of subsistence"}""",
        "revokeVisa" => """{"kind":"revoked","state":"FR","date":"2025-03-01","reason":"conditions no longer met"}""",
        "extendVisa" => """{"validUntil":"2025-07-31","durationDays":100,"date":"2025-03-01","reason":"illness"}""",
        "recordIncident" => """{"incidentId":"I1","jurisdiction":"GB","date":"2024-02-01","category":"policeReport","severity":"low","source":"Metropolitan Police","description":"report filed"}""",
        "resolveIncident" => """{"date":"2024-03-01","text":"no further action"}""",
        "expungeIncident" => """{"date":"2024-03-01","text":"court order 2024/17"}""",
        "subscribeWebhook" => """{"url":"https://example.org/ledger-warnings","secret":"0123456789abcdef0123"}""",
        _ => null,
    };
}
