/* ens-emulator-main.c
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
 * ens-emulator: runs the local ENS emulator until SIGTERM or SIGINT.
 * Prints "Listening on http://127.0.0.1:PORT" once it accepts requests.
 * A developer and test tool; its messages are not translated.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib-unix.h>
#include <glib.h>

#include "ens-emulator.h"

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);

  return G_SOURCE_CONTINUE;
}

static gboolean
add_key_spec (EnsEmulator  *emulator,
              const char   *spec,
              gboolean      read_only,
              GError      **error)
{
  const char *colon = strchr (spec, ':');
  g_autofree char *id = NULL;

  if (colon == NULL || colon == spec || colon[1] == '\0')
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "A key must be given as ID:SECRET");
      return FALSE;
    }

  id = g_strndup (spec, colon - spec);
  ens_emulator_add_key (emulator, id, colon + 1, read_only);

  return TRUE;
}

static gboolean
parse_fault (const char        *name,
             EnsEmulatorFault  *fault)
{
  static const struct {
    const char       *name;
    EnsEmulatorFault  fault;
  } faults[] = {
    { "malformed-json",     ENS_EMULATOR_FAULT_MALFORMED_JSON },
    { "html-error",         ENS_EMULATOR_FAULT_HTML_ERROR },
    { "stall",              ENS_EMULATOR_FAULT_STALL },
    { "reset",              ENS_EMULATOR_FAULT_RESET },
    { "oversized",          ENS_EMULATOR_FAULT_OVERSIZED },
    { "empty-body",         ENS_EMULATOR_FAULT_EMPTY_BODY },
    { "wrong-content-type", ENS_EMULATOR_FAULT_WRONG_CONTENT_TYPE },
    { "apply-reset",        ENS_EMULATOR_FAULT_APPLY_RESET },
    { "access-denied",      ENS_EMULATOR_FAULT_ACCESS_DENIED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      if (strcmp (name, faults[i].name) == 0)
        {
          *fault = faults[i].fault;
          return TRUE;
        }
    }

  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EnsEmulator) emulator = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) read_only_keys = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *fault_name = NULL;
  g_autofree char *log_path = NULL;
  g_auto(GStrv) refused = NULL;
  const char *env_keys;
  gboolean demo = FALSE;
  int port = 0;
  int latency = 0;
  int latency_jitter = 0;
  int max_qps = 0;
  int throttle_every = 0;
  int fail_every = 0;
  int fail_status = 500;
  int retry_after = 0;
  int fault_count = 0;
  int fault_skip = 0;
  gint64 clock_offset = 0;
  EnsEmulatorFault fault = ENS_EMULATOR_FAULT_NONE;
  guint sigterm_id;
  guint sigint_id;
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port,
      "TCP port on 127.0.0.1 (default 0: any free port)", "N" },
    { "key", 0, 0, G_OPTION_ARG_STRING_ARRAY, &keys,
      "Accept this AccessKey (repeatable; also ENS_EMULATOR_KEYS=ID:SECRET[,ID:SECRET])",
      "ID:SECRET" },
    { "read-only-key", 0, 0, G_OPTION_ARG_STRING_ARRAY, &read_only_keys,
      "Accept this AccessKey for reads only (repeatable)", "ID:SECRET" },
    { "seed", 0, 0, G_OPTION_ARG_FILENAME, &seed,
      "Load keys, images and shares from a JSON file", "FILE" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo,
      "Load the demo key and sample images", NULL },
    { "latency", 0, 0, G_OPTION_ARG_INT, &latency,
      "Delay every answer by this many milliseconds", "MS" },
    { "latency-jitter", 0, 0, G_OPTION_ARG_INT, &latency_jitter,
      "Delay every answer by up to this many milliseconds more, at random", "MS" },
    { "max-qps", 0, 0, G_OPTION_ARG_INT, &max_qps,
      "Accept at most N requests a second (token bucket, burst N/5); "
      "throttle the rest (Throttling.User)", "N" },
    { "throttle-every", 0, 0, G_OPTION_ARG_INT, &throttle_every,
      "Throttle every Nth request (Throttling.User)", "N" },
    { "fail-every", 0, 0, G_OPTION_ARG_INT, &fail_every,
      "Fail every Nth request with a server error", "N" },
    { "fail-status", 0, 0, G_OPTION_ARG_INT, &fail_status,
      "Status for --fail-every: 500 (default) or 503", "500|503" },
    { "fault", 0, 0, G_OPTION_ARG_STRING, &fault_name,
      "Break every answer: malformed-json, html-error, stall, reset, oversized, "
      "empty-body, wrong-content-type, apply-reset (make the change, then break the answer) "
      "or access-denied (403 with AccessDeniedDetail)", "FAULT" },
    { "fault-count", 0, 0, G_OPTION_ARG_INT, &fault_count,
      "Break only the first N answers with --fault (default 0: every one)", "N" },
    { "fault-skip", 0, 0, G_OPTION_ARG_INT, &fault_skip,
      "Answer the first N requests normally before --fault or --fail-every starts", "N" },
    { "retry-after", 0, 0, G_OPTION_ARG_INT, &retry_after,
      "Send x-acs-retry-after with throttling answers", "S" },
    { "clock-offset", 0, 0, G_OPTION_ARG_INT64, &clock_offset,
      "Run the emulator's clock this many seconds off", "S" },
    { "refuse", 0, 0, G_OPTION_ARG_STRING_ARRAY, &refused,
      "Refuse ACTION with 404 InvalidAction.NotFound (may be repeated)", "ACTION" },
    { "log", 0, 0, G_OPTION_ARG_FILENAME, &log_path,
      "Append a JSON line per request to FILE (no secrets or signatures)", "FILE" },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                "A local emulator of the Alibaba Cloud ENS API for tests and demos.\n"
                                "Serves ModifyImageSharePermission, DescribeImageSharePermission and\n"
                                "DescribeImages, DescribeSelfImages (version 2017-11-10) and STS\n"
                                "GetCallerIdentity (2015-04-01) with V1 and V3 signatures.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("ens-emulator: %s\n", error->message);
      return EXIT_FAILURE;
    }

  if (port < 0 || port > G_MAXUINT16 || latency < 0 || latency_jitter < 0 || max_qps < 0 ||
      throttle_every < 0 || fail_every < 0 || retry_after < 0 || fault_count < 0 ||
      fault_skip < 0 ||
      (fail_status != 500 && fail_status != 503))
    {
      g_printerr ("ens-emulator: a numeric option is out of range\n");
      return EXIT_FAILURE;
    }

  if (fault_name != NULL && !parse_fault (fault_name, &fault))
    {
      g_printerr ("ens-emulator: unknown fault “%s”\n", fault_name);
      return EXIT_FAILURE;
    }

  emulator = ens_emulator_new ();

  if (demo)
    ens_emulator_load_demo (emulator);

  if (seed != NULL && !ens_emulator_load_seed (emulator, seed, &error))
    {
      g_printerr ("ens-emulator: %s\n", error->message);
      return EXIT_FAILURE;
    }

  env_keys = g_getenv ("ENS_EMULATOR_KEYS");
  if (env_keys != NULL && *env_keys != '\0')
    {
      g_auto(GStrv) specs = g_strsplit (env_keys, ",", -1);

      for (guint i = 0; specs[i] != NULL; i++)
        {
          if (!add_key_spec (emulator, specs[i], FALSE, &error))
            {
              g_printerr ("ens-emulator: ENS_EMULATOR_KEYS: %s\n", error->message);
              return EXIT_FAILURE;
            }
        }
    }

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      if (!add_key_spec (emulator, keys[i], FALSE, &error))
        {
          g_printerr ("ens-emulator: --key: %s\n", error->message);
          return EXIT_FAILURE;
        }
    }

  for (guint i = 0; read_only_keys != NULL && read_only_keys[i] != NULL; i++)
    {
      if (!add_key_spec (emulator, read_only_keys[i], TRUE, &error))
        {
          g_printerr ("ens-emulator: --read-only-key: %s\n", error->message);
          return EXIT_FAILURE;
        }
    }

  if (log_path != NULL && !ens_emulator_set_log_path (emulator, log_path, &error))
    {
      g_printerr ("ens-emulator: %s\n", error->message);
      return EXIT_FAILURE;
    }

  for (guint i = 0; refused != NULL && refused[i] != NULL; i++)
    ens_emulator_refuse_action (emulator, refused[i], 404, "InvalidAction.NotFound");

  ens_emulator_set_latency (emulator, (guint) latency);
  ens_emulator_set_latency_jitter (emulator, (guint) latency_jitter);
  ens_emulator_set_throttle_every (emulator, (guint) throttle_every);
  ens_emulator_set_max_qps (emulator, (guint) max_qps);
  ens_emulator_set_fail_every (emulator, (guint) fail_every, (guint) fail_status);
  ens_emulator_set_fault (emulator, fault, (guint) fault_count);
  ens_emulator_set_fault_skip (emulator, (guint) fault_skip);
  ens_emulator_set_retry_after (emulator, (guint) retry_after);
  ens_emulator_set_clock_offset (emulator, clock_offset);

  loop = g_main_loop_new (NULL, FALSE);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_cb, loop);
  sigint_id = g_unix_signal_add (SIGINT, quit_cb, loop);

  if (!ens_emulator_listen (emulator, (guint) port, &error))
    {
      g_printerr ("ens-emulator: could not listen: %s\n", error->message);
      return EXIT_FAILURE;
    }

  url = ens_emulator_dup_url (emulator);
  g_print ("Listening on %s\n", url);
  fflush (stdout);

  g_main_loop_run (loop);

  g_source_remove (sigterm_id);
  g_source_remove (sigint_id);
  ens_emulator_stop (emulator);

  return EXIT_SUCCESS;
}
