namespace Ledger.Projections.Travellers;

/// <summary>
/// Free text a person typed about a traveller (a plan's note), as events and snapshots hold it: AES-256-GCM ciphertext
/// under the traveller's own identity key, so erasing the identity (shredding that key) makes it unreadable everywhere it
/// was copied (the event, the snapshot, old pages, the WAL, backups). Sealed and opened by the service's IdentityVault.
/// </summary>
public sealed record SealedText(byte[] Nonce, byte[] Ciphertext, byte[] Tag);
