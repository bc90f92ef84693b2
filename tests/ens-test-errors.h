/* ens-test-errors.h
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

#pragma once

#include "ens-core.h"

G_BEGIN_DECLS

/* Errors as the client makes them, for the tests of what the app says
 * about them (test-error-texts in the core suite, test-error-ui). */
#define TEST_KEY_ID    "LTAI5tTestKeyId000000001"
#define TEST_SECRET    "TestSecretValue0123456789abcd"
#define TEST_TOKEN     "sts-token-value-do-not-show"
#define TEST_REQUEST   "701B3BB9-9190-544D-90D1-328B0527380C"
#define TEST_RECOMMEND "https://api.aliyun.com/troubleshoot?q=NoPermission&product=Ens&requestId=" TEST_REQUEST

GError *ens_test_new_no_permission (void);
GError *ens_test_new_wrong_secret  (void);
GError *ens_test_new_clock         (void);
GError *ens_test_new_network       (void);
GError *ens_test_new_unknown       (void);
GError *ens_test_new_access_denied (void);
EnsSharePlan *ens_test_new_partial_plan (void);
char   *ens_test_expected_body     (const GError *error);

/* Fails when @text shows the test's secret, token or a signature. */
void    ens_test_assert_no_secret  (const char   *text);

G_END_DECLS
