namespace Webhooks.Modular.Core.Tests.Interop;

/// <summary>
/// Bodies shaped as each provider sends them (trimmed, same layout): GitHub, Shopify and Slack send compact JSON,
/// Stripe pretty-prints with two spaces and a trailing newline. Non-ASCII text checks that the signed bytes are the
/// UTF-8 bytes the host reads.
/// </summary>
internal static class PeerPayloads
{
    public static string GitHubPush(string after) =>
        $$$"""{"ref":"refs/heads/main","before":"6113728f27ae82c7b1a177c8d03f9e96e0adf246","after":"{{{after}}}","repository":{"id":70112233,"name":"webhooks-demo","full_name":"octo-org/webhooks-demo","private":false,"owner":{"login":"octo-org","id":9919,"type":"Organization"},"default_branch":"main"},"pusher":{"name":"zoë","email":"zoe@example.com"},"sender":{"login":"zoe","id":583231,"type":"User"},"created":false,"deleted":false,"forced":false,"compare":"https://github.com/octo-org/webhooks-demo/compare/6113728f27ae...{{{after[..12]}}}","commits":[{"id":"{{{after}}}","message":"Grüße: retry on 503","timestamp":"2026-12-07T17:02:11+01:00","author":{"name":"Zoë","email":"zoe@example.com","username":"zoe"},"added":[],"removed":[],"modified":["README.md"]}],"head_commit":{"id":"{{{after}}}","message":"Grüße: retry on 503"}}""";

    public static string StripeEvent(string eventId) =>
        $$"""
        {
          "id": "{{eventId}}",
          "object": "event",
          "api_version": "2025-03-31.basil",
          "created": 1796662000,
          "data": {
            "object": {
              "id": "pi_3QxInterop0001",
              "object": "payment_intent",
              "amount": 2000,
              "currency": "eur",
              "customer": "cus_Interop",
              "description": "Café order #1001",
              "status": "succeeded"
            }
          },
          "livemode": false,
          "pending_webhooks": 1,
          "request": {
            "id": "req_Interop0001",
            "idempotency_key": "5b3c1f0e-interop"
          },
          "type": "payment_intent.succeeded"
        }

        """;

    public static string StandardWebhooksMessage(string orderId) =>
        $$$"""{"type":"invoice.paid","timestamp":"2026-12-07T17:02:11.000Z","data":{"id":"{{{orderId}}}","amount":4200,"currency":"EUR","customer":"Łukasz"}}""";

    public static string SlackEventCallback(string eventId) =>
        $$$"""{"token":"XXYYZZ","team_id":"T0INTEROP","context_team_id":"T0INTEROP","api_app_id":"A0INTEROP","event":{"type":"app_mention","user":"U0INTEROP","text":"<@U0BOT> deploy staging :rocket: ✓","ts":"1796662000.000200","channel":"C0INTEROP","event_ts":"1796662000.000200"},"type":"event_callback","event_id":"{{{eventId}}}","event_time":1796662000,"authorizations":[{"enterprise_id":null,"team_id":"T0INTEROP","user_id":"U0BOT","is_bot":true,"is_enterprise_install":false}],"is_ext_shared_channel":false,"event_context":"4-interop"}""";

    public static string ShopifyOrderCreated(long orderId) =>
        $$$"""{"id":{{{orderId}}},"admin_graphql_api_id":"gid://shopify/Order/{{{orderId}}}","email":"jon@example.com","created_at":"2026-12-07T12:02:11-05:00","currency":"CAD","current_total_price":"398.00","financial_status":"paid","name":"#1001","order_number":1001,"line_items":[{"id":866550311766439020,"product_id":632910392,"title":"Crème brûlée kit","quantity":1,"price":"199.00","sku":"IPOD2008PINK"}],"shipping_address":{"city":"Montréal","country_code":"CA"}}""";
}
