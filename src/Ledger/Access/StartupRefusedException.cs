namespace Ledger.Access;

/// <summary>
/// A configuration the service refuses to start with, for a reason an operator fixes in configuration: the process prints
/// the message as one line on stderr and exits 1 (no stack trace; the message says what to set).
/// </summary>
public sealed class StartupRefusedException(string message) : InvalidOperationException(message);
