namespace Ledger.Tests; public class P { [Xunit.Fact] public void T() {} }
