/* test-faults.c
 *
 * Copyright 2026 The ENS Image Share authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <https://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The fault matrix: the client's whole path (EnsClient against a real
 * loopback server) under every way the network, the server or the
 * computer can fail.  For each fault: the EnsError category, a catalogue
 * title that is not the generic one, no crash, no wait beyond the
 * configured timeouts, and a share plan whose accounts all end up failed
 * or not attempted (none lost, none left pending).
 *
 * Every fault prints a "fault-table|<fault>|<category>|<title>" test
 * message: tests/README.md's table is generated from them.
 *
 * The keyring faults (no Secret Service, a locked keyring, a keyring that
 * never answers) are in tests/test-credential-store.c.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "ens-client.h"
#include "ens-core-enums.h"
#include "ens-credentials.h"
#include "ens-emulator.h"
#include "ens-error.h"
#include "ens-share-plan.h"
#include "ens-test-utils.h"

#define KEY_ID        "LTAI5tFaultFaultFault001"
#define KEY_SECRET    "FaultSecretFaultSecretFaultSe"
#define STS_KEY_ID    "STS.NFaultFaultFaultFault01"
#define STS_SECRET    "FaultStsSecretFaultStsSecretFaultSts"
#define STS_TOKEN     "CAISFaultTokenFaultTokenFault01"
#define IMAGE_ID      "m-5s7qotzavwbrnzaqh4ufault1"

/* Short on purpose: a hang shows up as a failed timing check. */
#define CONNECT_TIMEOUT 2
#define TIMEOUT         2
#define RETRY_DELAY_MS  10

/* A resolver that fails every lookup, and counts them {{{ */

#define FAILING_TYPE_RESOLVER (failing_resolver_get_type ())
G_DECLARE_FINAL_TYPE (FailingResolver, failing_resolver, FAILING, RESOLVER, GResolver)

struct _FailingResolver
{
  GResolver parent_instance;
  guint     lookups;
};

G_DEFINE_FINAL_TYPE (FailingResolver, failing_resolver, G_TYPE_RESOLVER)

static GError *
failing_resolver_error (FailingResolver *self,
                        const char      *hostname)
{
  self->lookups++;
  g_test_message ("resolver: lookup of %s refused", hostname);

  return g_error_new (G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                      "Error resolving “%s”: Name or service not known", hostname);
}

static GList *
failing_resolver_lookup_by_name (GResolver     *resolver,
                                 const char    *hostname,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_propagate_error (error, failing_resolver_error ((FailingResolver *) resolver, hostname));

  return NULL;
}

static void
failing_resolver_lookup_by_name_async (GResolver           *resolver,
                                       const char          *hostname,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);

  g_task_return_error (task, failing_resolver_error ((FailingResolver *) resolver, hostname));
}

static GList *
failing_resolver_lookup_by_name_finish (GResolver     *resolver,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static GList *
failing_resolver_lookup_by_name_with_flags (GResolver                 *resolver,
                                            const char                *hostname,
                                            GResolverNameLookupFlags   flags,
                                            GCancellable              *cancellable,
                                            GError                   **error)
{
  return failing_resolver_lookup_by_name (resolver, hostname, cancellable, error);
}

static void
failing_resolver_lookup_by_name_with_flags_async (GResolver                *resolver,
                                                  const char               *hostname,
                                                  GResolverNameLookupFlags  flags,
                                                  GCancellable             *cancellable,
                                                  GAsyncReadyCallback       callback,
                                                  gpointer                  user_data)
{
  failing_resolver_lookup_by_name_async (resolver, hostname, cancellable, callback, user_data);
}

static void
failing_resolver_class_init (FailingResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  resolver_class->lookup_by_name = failing_resolver_lookup_by_name;
  resolver_class->lookup_by_name_async = failing_resolver_lookup_by_name_async;
  resolver_class->lookup_by_name_finish = failing_resolver_lookup_by_name_finish;
  resolver_class->lookup_by_name_with_flags = failing_resolver_lookup_by_name_with_flags;
  resolver_class->lookup_by_name_with_flags_async = failing_resolver_lookup_by_name_with_flags_async;
  resolver_class->lookup_by_name_with_flags_finish = failing_resolver_lookup_by_name_finish;
}

static void
failing_resolver_init (FailingResolver *self)
{
}

/* Installs a fresh FailingResolver as the default; returns a borrowed
 * pointer (the default resolver keeps it alive). */
static FailingResolver *
install_failing_resolver (void)
{
  g_autoptr(FailingResolver) resolver = g_object_new (FAILING_TYPE_RESOLVER, NULL);

  g_resolver_set_default (G_RESOLVER (resolver));

  return resolver;
}

/* }}} */

/* Helpers {{{ */

static void
set_credentials (EnsClient  *client,
                 const char *id,
                 const char *secret,
                 const char *token)
{
  g_autoptr(EnsCredentials) credentials = ens_credentials_new (id, secret, token);

  ens_client_set_credentials (client, credentials);
}

static EnsClient *
new_client (const char *url)
{
  g_autoptr(EnsClient) client = ens_client_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ens_client_set_endpoint (client, url, &error));
  g_assert_no_error (error);
  set_credentials (client, KEY_ID, KEY_SECRET, NULL);
  ens_client_set_timeouts (client, CONNECT_TIMEOUT, TIMEOUT);
  g_object_set (client, "retry-delay", RETRY_DELAY_MS, NULL);

  return g_steal_pointer (&client);
}

static GStrv
describe_shares_sync (EnsClient  *client,
                      GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ens_client_describe_image_share_permission_async (client, IMAGE_ID, NULL,
                                                    ens_test_store_result_cb, &result);

  return ens_client_describe_image_share_permission_finish (client, ens_test_wait_for (&result), error);
}

static char *
modify_sync (EnsClient  *client,
             guint      *tries,
             GError    **error)
{
  static const char * const add[] = { "1234567890123456", NULL };
  g_autoptr(GAsyncResult) result = NULL;

  ens_client_modify_image_share_permission_async (client, IMAGE_ID, add, NULL, NULL,
                                                  ens_test_store_result_cb, &result);

  return ens_client_modify_image_share_permission_finish (client, ens_test_wait_for (&result), tries, error);
}

static char *
generic_title (void)
{
  g_autoptr(GError) error = ens_error_new_transport (ENS_ERROR_FAILED, NULL);
  char *title = NULL;

  ens_error_describe (error, &title, NULL, NULL);

  return title;
}

/* The fault gave @category, with its own title (not the generic one) and
 * a full explanation and action. */
static void
assert_fault (const char   *fault,
              const GError *error,
              EnsError      category)
{
  g_autofree char *generic = generic_title ();
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *action = NULL;
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (ens_error_get_type ());
  GEnumValue *value;

  g_assert_nonnull (error);
  g_assert_error (error, ENS_ERROR, category);

  ens_error_describe (error, &title, &explanation, &action);
  g_assert_nonnull (title);
  g_assert_nonnull (explanation);
  g_assert_nonnull (action);
  g_assert_cmpstr (title, !=, generic);
  g_assert_cmpstr (explanation, !=, "");
  g_assert_cmpstr (action, !=, "");

  value = g_enum_get_value (enum_class, category);
  g_test_message ("fault-table|%s|%s|%s", fault, value->value_nick, title);
  g_test_message ("  explanation: %s", explanation);
  if (ens_error_get_api_code (error) != NULL)
    g_test_message ("  detail: API code %s (HTTP %u)", ens_error_get_api_code (error),
                    ens_error_get_http_status (error));
  else
    g_test_message ("  detail: %s", ens_error_get_detail (error) ? ens_error_get_detail (error) : "(none)");
}

/* Runs a three-account plan that cannot succeed: every account must end
 * up failed or unknown (with @category: unknown when its request went out
 * and no readable answer came back) or not attempted, none done or
 * pending. */
static void
assert_plan_kept (EnsClient *client,
                  EnsError   category)
{
  static const char * const add[] = {
    "1111222233334444", "5555666677778888", "9999000011112222", NULL
  };
  g_autoptr(EnsSharePlan) plan = ens_share_plan_new (IMAGE_ID, add, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint failed;
  guint unknown;
  guint not_attempted;

  ens_client_run_plan_async (client, plan, NULL, ens_test_store_result_cb, &result);
  g_assert_false (ens_client_run_plan_finish (client, ens_test_wait_for (&result), &error));
  g_assert_error (error, ENS_ERROR, category);

  g_assert_cmpuint (ens_share_plan_get_n_accounts (plan), ==, 3);
  failed = ens_share_plan_count (plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_FAILED);
  unknown = ens_share_plan_count (plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_UNKNOWN);
  not_attempted = ens_share_plan_count (plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_NOT_ATTEMPTED);
  g_assert_cmpuint (failed + unknown + not_attempted, ==, 3);
  g_assert_cmpuint (ens_share_plan_count_uncertain (plan), ==, unknown);
  g_assert_cmpuint (ens_share_plan_count (plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_DONE), ==, 0);
  g_assert_cmpuint (ens_share_plan_count (plan, ENS_SHARE_CHANGE_ADD, ENS_OUTCOME_PENDING), ==, 0);

  for (guint i = 0; i < 3; i++)
    {
      EnsOutcomeState state = ens_share_plan_get_state (plan, i);

      if (state == ENS_OUTCOME_FAILED || state == ENS_OUTCOME_UNKNOWN)
        {
          g_assert_error (ens_share_plan_get_error (plan, i), ENS_ERROR, category);
          g_assert_cmpuint (ens_share_plan_get_tries (plan, i), >=, 1);
        }
    }
}

static gint64
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

/* }}} */

/* Faults served by the emulator {{{ */

typedef struct
{
  EnsEmulator *emulator;
  EnsClient   *client;
  char        *url;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->emulator = ens_emulator_new ();
  ens_emulator_add_key (fixture->emulator, KEY_ID, KEY_SECRET, FALSE);
  ens_emulator_add_sts_key (fixture->emulator, STS_KEY_ID, STS_SECRET, STS_TOKEN, TRUE);
  ens_emulator_add_image (fixture->emulator, IMAGE_ID, "fault-image", "self",
                          "Ubuntu", "2024-01-01T00:00:00Z");
  g_assert_true (ens_emulator_listen (fixture->emulator, 0, &error));
  g_assert_no_error (error);
  fixture->url = ens_emulator_dup_url (fixture->emulator);
  fixture->client = new_client (fixture->url);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->client);
  ens_emulator_stop (fixture->emulator);
  g_assert_finalize_object (fixture->emulator);
  g_free (fixture->url);
}

/* A fault on every request: one describe call and one plan. */
static void
run_emulator_fault (Fixture          *fixture,
                    const char       *name,
                    EnsEmulatorFault  fault,
                    EnsError          category,
                    guint             expected_tries)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) shares = NULL;
  gint64 start = g_get_monotonic_time ();

  ens_emulator_set_fault (fixture->emulator, fault, 0);

  shares = describe_shares_sync (fixture->client, &error);
  g_assert_null (shares);
  assert_fault (name, error, category);
  g_assert_cmpuint (ens_error_get_tries (error), ==, expected_tries);
  /* Each try ends within the timeout (plus the short backoff). */
  g_assert_cmpint (seconds_since (start), <=, (gint64) expected_tries * (TIMEOUT + 1));

  assert_plan_kept (fixture->client, category);
}

static void
test_stall (Fixture       *fixture,
            gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();

  /* One retry: a timeout is worth another try, but keep the test short. */
  g_object_set (fixture->client, "max-retries", 1, NULL);
  run_emulator_fault (fixture, "server accepts and never answers", ENS_EMULATOR_FAULT_STALL,
                      ENS_ERROR_TIMEOUT, 2);
  /* describe (2 tries) + plan (2 tries) of TIMEOUT s each, nothing more. */
  g_assert_cmpint (seconds_since (start), <=, 4 * TIMEOUT + 3);
}

static void
test_reset (Fixture       *fixture,
            gconstpointer  data)
{
  run_emulator_fault (fixture, "connection reset mid-body", ENS_EMULATOR_FAULT_RESET,
                      ENS_ERROR_NETWORK, 4);
}

static void
test_html_500 (Fixture       *fixture,
               gconstpointer  data)
{
  run_emulator_fault (fixture, "500 with an HTML page", ENS_EMULATOR_FAULT_HTML_ERROR,
                      ENS_ERROR_SERVER, 4);
}

static void
test_malformed_json (Fixture       *fixture,
                     gconstpointer  data)
{
  run_emulator_fault (fixture, "200 with malformed JSON", ENS_EMULATOR_FAULT_MALFORMED_JSON,
                      ENS_ERROR_INVALID_RESPONSE, 1);
}

static void
test_empty_body (Fixture       *fixture,
                 gconstpointer  data)
{
  run_emulator_fault (fixture, "200 with an empty body", ENS_EMULATOR_FAULT_EMPTY_BODY,
                      ENS_ERROR_INVALID_RESPONSE, 1);
}

static void
test_oversized (Fixture       *fixture,
                gconstpointer  data)
{
  run_emulator_fault (fixture, "body over the 1 MiB cap", ENS_EMULATOR_FAULT_OVERSIZED,
                      ENS_ERROR_INVALID_RESPONSE, 1);
}

/* The real answer labelled text/plain: something between us and ENS
 * answered or rewrote it, so it is refused with its own detail. */
static void
test_wrong_content_type (Fixture       *fixture,
                         gconstpointer  data)
{
  run_emulator_fault (fixture, "wrong content type (JSON labelled text/plain)",
                      ENS_EMULATOR_FAULT_WRONG_CONTENT_TYPE, ENS_ERROR_INVALID_RESPONSE, 1);
}

/* Retried, then it works: @setup makes the 2nd request fail once. */
static void
run_retried_then_success (Fixture    *fixture,
                          const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;
  g_auto(GStrv) shares = NULL;
  guint tries = 0;

  /* Request 1 passes, request 2 fails, its retry (request 3) passes. */
  shares = describe_shares_sync (fixture->client, &error);
  g_assert_no_error (error);
  g_assert_nonnull (shares);

  request_id = modify_sync (fixture->client, &tries, &error);
  g_assert_no_error (error);
  g_assert_nonnull (request_id);
  g_assert_cmpuint (tries, ==, 2);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 3);
  g_test_message ("fault-table|%s once, then a normal answer|none|"
                  "(retried after a short wait, then succeeded: no message)", what);
}

/* Every request fails: 1 try + 3 retries, then the error. */
static void
run_given_up (Fixture    *fixture,
              const char *name,
              EnsError    category)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;
  guint tries = 0;

  request_id = modify_sync (fixture->client, &tries, &error);
  g_assert_null (request_id);
  assert_fault (name, error, category);
  g_assert_cmpuint (ens_error_get_tries (error), ==, 4);
  g_assert_cmpuint (ens_emulator_get_request_count (fixture->emulator), ==, 4);
  g_assert_true (ens_error_is_retryable (error));

  assert_plan_kept (fixture->client, category);
}

static void
test_503_retried (Fixture       *fixture,
                  gconstpointer  data)
{
  ens_emulator_set_fail_every (fixture->emulator, 2, 503);
  run_retried_then_success (fixture, "503 ServiceUnavailable");
}

static void
test_503_given_up (Fixture       *fixture,
                   gconstpointer  data)
{
  ens_emulator_set_fail_every (fixture->emulator, 1, 503);
  run_given_up (fixture, "503 ServiceUnavailable, 3 retries", ENS_ERROR_SERVER);
}

static void
test_throttling_retried (Fixture       *fixture,
                         gconstpointer  data)
{
  ens_emulator_set_throttle_every (fixture->emulator, 2);
  run_retried_then_success (fixture, "Throttling.User");
}

static void
test_throttling_given_up (Fixture       *fixture,
                          gconstpointer  data)
{
  ens_emulator_set_throttle_every (fixture->emulator, 1);
  run_given_up (fixture, "Throttling.User, 3 retries", ENS_ERROR_THROTTLED);
}

static void
test_clock (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;
  g_auto(GStrv) shares = NULL;

  /* The server's clock is 16 minutes ahead of ours. */
  ens_emulator_set_clock_offset (fixture->emulator, 16 * 60);

  shares = describe_shares_sync (fixture->client, &error);
  g_assert_null (shares);
  assert_fault ("computer clock 16 minutes off", error, ENS_ERROR_CLOCK);
  g_assert_cmpstr (ens_error_get_api_code (error), ==, "InvalidTimeStamp.Expired");
  g_assert_cmpuint (ens_error_get_tries (error), ==, 1);

  /* Explained as this computer's clock, not as a server problem. */
  ens_error_describe (error, &title, &explanation, NULL);
  g_assert_nonnull (strstr (explanation, "clock"));

  assert_plan_kept (fixture->client, ENS_ERROR_CLOCK);
}

static void
test_sts_expired (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) shares = NULL;

  set_credentials (fixture->client, STS_KEY_ID, STS_SECRET, STS_TOKEN);

  shares = describe_shares_sync (fixture->client, &error);
  g_assert_null (shares);
  assert_fault ("expired STS token", error, ENS_ERROR_TOKEN);
  g_assert_cmpstr (ens_error_get_api_code (error), ==, "InvalidSecurityToken.Expired");
  g_assert_cmpuint (ens_error_get_tries (error), ==, 1);

  assert_plan_kept (fixture->client, ENS_ERROR_TOKEN);
}

/* }}} */

/* Faults without the emulator {{{ */

static void
test_connection_refused (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EnsClient) client = NULL;
  g_autofree char *url = NULL;
  g_auto(GStrv) shares = NULL;
  gint64 start = g_get_monotonic_time ();
  guint16 port;

  /* A port that was free a moment ago and has nobody listening now. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (port, >, 0);
  g_socket_listener_close (listener);

  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  client = new_client (url);

  shares = describe_shares_sync (client, &error);
  g_assert_null (shares);
  assert_fault ("connection refused", error, ENS_ERROR_NETWORK);
  g_assert_cmpuint (ens_error_get_tries (error), ==, 4);
  g_assert_cmpint (seconds_since (start), <=, 4 * CONNECT_TIMEOUT);

  assert_plan_kept (client, ENS_ERROR_NETWORK);
}

static void
test_dns_failure (void)
{
  g_autoptr(GResolver) saved = g_resolver_get_default ();
  FailingResolver *resolver = install_failing_resolver ();
  g_autoptr(EnsClient) client = new_client ("https://ens.fault-test.invalid");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) shares = NULL;

  shares = describe_shares_sync (client, &error);
  g_assert_null (shares);
  assert_fault ("host name does not resolve", error, ENS_ERROR_DNS);
  /* Not retried: a name that does not resolve will not start to. */
  g_assert_cmpuint (ens_error_get_tries (error), ==, 1);
  g_assert_cmpuint (resolver->lookups, >=, 1);

  assert_plan_kept (client, ENS_ERROR_DNS);

  g_resolver_set_default (saved);
}

/* A plain SoupServer on 127.0.0.1 */

static void
count_ok_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  static const char body[] = "{\"RequestId\":\"FAULT-TEST\",\"TotalCount\":0,\"PageNumber\":1,"
                             "\"PageSize\":100,\"Accounts\":{\"Account\":[]}}";
  guint *count = user_data;

  (*count)++;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    body, strlen (body));
}

static void
run_tls_fault (const char *name,
               const char *common_name,
               const char *subject_alt_name)
{
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(EnsClient) client = NULL;
  g_auto(GStrv) shares = NULL;
  guint count = 0;

  certificate = ens_test_make_certificate (common_name, subject_alt_name);
  if (certificate == NULL)
    {
      g_test_skip ("openssl is not installed");
      return;
    }

  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, count_ok_handler, &count, NULL);
  g_assert_true (soup_server_listen_local (server, 0,
                                           SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
                                           &error));
  g_assert_no_error (error);
  url = ens_test_server_url (server);
  g_assert_true (g_str_has_prefix (url, "https://127.0.0.1:"));

  client = new_client (url);
  /* Loading the TLS backend and the system's trusted certificates takes
   * seconds under sanitizers and valgrind; a connect timeout there would
   * be retried and hide what this test is about. */
  ens_client_set_timeouts (client, 30, 30);
  shares = describe_shares_sync (client, &error);
  g_assert_null (shares);
  assert_fault (name, error, ENS_ERROR_TLS);
  /* Not retried, and no request got through to the server. */
  g_assert_cmpuint (ens_error_get_tries (error), ==, 1);
  g_assert_cmpuint (count, ==, 0);

  assert_plan_kept (client, ENS_ERROR_TLS);
  g_assert_cmpuint (count, ==, 0);

  soup_server_disconnect (server);
}

static void
test_tls_self_signed (void)
{
  run_tls_fault ("TLS: self-signed certificate", "localhost",
                 "IP:127.0.0.1,DNS:localhost");
}

static void
test_tls_wrong_host (void)
{
  /* Names another host: the identity check fails as well as the
   * issuer check (the test cannot make the client trust a test CA). */
  run_tls_fault ("TLS: certificate for another host", "wrong-host.example",
                 "DNS:wrong-host.example");
}

/* Plain http: refused up front, and never reached through a redirect */

static void
redirect_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  const char *target = g_object_get_data (G_OBJECT (server), "target");
  guint *count = user_data;

  (*count)++;
  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, target);
}

static void
run_redirect (const char *target)
{
  g_autoptr(GResolver) saved = g_resolver_get_default ();
  FailingResolver *resolver = install_failing_resolver ();
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(EnsClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *name = g_strdup_printf ("302 redirect to %s", target);
  g_auto(GStrv) shares = NULL;
  guint count = 0;

  g_object_set_data_full (G_OBJECT (server), "target", g_strdup (target), g_free);
  soup_server_add_handler (server, NULL, redirect_handler, &count, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  url = ens_test_server_url (server);

  client = new_client (url);
  shares = describe_shares_sync (client, &error);
  g_assert_null (shares);
  assert_fault (name, error, ENS_ERROR_INVALID_RESPONSE);
  /* Asked once, not followed: no name was looked up, so nothing left
   * this computer. */
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpuint (resolver->lookups, ==, 0);

  assert_plan_kept (client, ENS_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (resolver->lookups, ==, 0);

  soup_server_disconnect (server);
  g_resolver_set_default (saved);
}

static void
test_redirect_to_http (void)
{
  run_redirect ("http://example.invalid/");
}

static void
test_redirect_to_https (void)
{
  run_redirect ("https://example.invalid/");
}

static void
test_plain_http_refused (void)
{
  static const char * const endpoints[] = {
    "http://example.invalid", "http://ens.aliyuncs.com/", "http://10.0.0.1:8080",
    "http://[2001:db8::1]/",
  };
  g_autoptr(GResolver) saved = g_resolver_get_default ();
  FailingResolver *resolver = install_failing_resolver ();

  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      g_autoptr(EnsClient) client = ens_client_new ();
      g_autoptr(GError) error = NULL;

      g_assert_false (ens_client_check_endpoint (endpoints[i], &error));
      if (i == 0)
        assert_fault ("plain http to a host that is not this computer", error, ENS_ERROR_INSECURE);
      else
        g_assert_error (error, ENS_ERROR, ENS_ERROR_INSECURE);
      g_clear_error (&error);

      g_assert_false (ens_client_set_endpoint (client, endpoints[i], &error));
      g_assert_error (error, ENS_ERROR, ENS_ERROR_INSECURE);
      g_assert_cmpstr (ens_client_get_endpoint (client), ==, ENS_DEFAULT_ENDPOINT);
    }

  /* Refused by looking at the address alone. */
  g_assert_cmpuint (resolver->lookups, ==, 0);
  g_resolver_set_default (saved);
}

/* 503 with a pause to wait: an hour is not waited for, a second is */

static void
retry_after_handler (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  static const char body[] = "{\"RequestId\":\"R-1\",\"Code\":\"ServiceUnavailable\"}";
  guint *count = user_data;

  (*count)++;
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                g_object_get_data (G_OBJECT (server), "header"),
                                g_object_get_data (G_OBJECT (server), "seconds"));
  soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    body, sizeof body - 1);
}

/* Returns how many requests one describe call (2 s timeout) sent. */
static guint
run_retry_after (const char  *header,
                 const char  *seconds,
                 GError     **error)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(EnsClient) client = NULL;
  g_autofree char *url = NULL;
  g_auto(GStrv) shares = NULL;
  guint count = 0;

  g_object_set_data (G_OBJECT (server), "header", (gpointer) header);
  g_object_set_data (G_OBJECT (server), "seconds", (gpointer) seconds);
  soup_server_add_handler (server, NULL, retry_after_handler, &count, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, NULL));
  url = ens_test_server_url (server);
  client = new_client (url);
  g_object_set (client, "max-retries", 1, NULL);
  shares = describe_shares_sync (client, error);
  g_assert_null (shares);
  soup_server_disconnect (server);

  return count;
}

static void
test_retry_after (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) x_acs_error = NULL;
  g_autoptr(GError) short_error = NULL;
  gint64 start = g_get_monotonic_time ();

  /* An hour asked for, a 2 s timeout: the server's error at once. */
  g_assert_cmpuint (run_retry_after ("Retry-After", "3600", &error), ==, 1);
  assert_fault ("503 with Retry-After: 3600 (longer than the timeout)", error, ENS_ERROR_SERVER);
  g_assert_cmpstr (ens_error_get_api_code (error), ==, "ServiceUnavailable");
  g_assert_cmpuint (ens_error_get_retry_after_ms (error), ==, 3600 * 1000);
  g_assert_cmpuint (ens_error_get_tries (error), ==, 1);
  g_assert_cmpuint (run_retry_after ("x-acs-retry-after", "3600", &x_acs_error), ==, 1);
  g_assert_error (x_acs_error, ENS_ERROR, ENS_ERROR_SERVER);
  g_assert_cmpint (seconds_since (start), <, 30);

  /* A pause within the timeout is still waited for, then retried. */
  start = g_get_monotonic_time ();
  g_assert_cmpuint (run_retry_after ("x-acs-retry-after", "1", &short_error), ==, 2);
  g_assert_error (short_error, ENS_ERROR, ENS_ERROR_SERVER);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  g_assert_cmpint (seconds_since (start), <, 30);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  /* UTF-8 messages (the titles' curly quotes) in the test output. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD_FIXTURE_TEST(path, func) \
  g_test_add ("/faults/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/faults/connection-refused", test_connection_refused);
  g_test_add_func ("/faults/dns", test_dns_failure);
  g_test_add_func ("/faults/tls/self-signed", test_tls_self_signed);
  g_test_add_func ("/faults/tls/wrong-host", test_tls_wrong_host);
  ADD_FIXTURE_TEST ("stall", test_stall);
  ADD_FIXTURE_TEST ("reset", test_reset);
  ADD_FIXTURE_TEST ("html-500", test_html_500);
  ADD_FIXTURE_TEST ("503/retried", test_503_retried);
  ADD_FIXTURE_TEST ("503/given-up", test_503_given_up);
  ADD_FIXTURE_TEST ("throttling/retried", test_throttling_retried);
  ADD_FIXTURE_TEST ("throttling/given-up", test_throttling_given_up);
  ADD_FIXTURE_TEST ("malformed-json", test_malformed_json);
  ADD_FIXTURE_TEST ("empty-body", test_empty_body);
  ADD_FIXTURE_TEST ("oversized", test_oversized);
  ADD_FIXTURE_TEST ("wrong-content-type", test_wrong_content_type);
  ADD_FIXTURE_TEST ("clock", test_clock);
  ADD_FIXTURE_TEST ("sts-expired", test_sts_expired);
  g_test_add_func ("/faults/insecure/plain-http", test_plain_http_refused);
  g_test_add_func ("/faults/insecure/redirect-to-http", test_redirect_to_http);
  g_test_add_func ("/faults/insecure/redirect-to-https", test_redirect_to_https);
  g_test_add_func ("/faults/retry-after", test_retry_after);

  return g_test_run ();
}
