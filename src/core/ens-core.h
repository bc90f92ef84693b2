/* ens-core.h — the GTK-free core of ENS Image Share (see its .c files for the license). */

#pragma once

#include "ens-core-types.h"
#include "ens-aliyun-config.h"
#include "ens-caller-identity.h"
#include "ens-client.h"
#include "ens-credential-store.h"
#include "ens-credentials.h"
#include "ens-encode.h"
#include "ens-error.h"
#include "ens-image.h"
#include "ens-input.h"
#include "ens-json.h"
#include "ens-listing.h"
#include "ens-pacer.h"
#include "ens-request.h"
#include "ens-response.h"
#include "ens-history.h"
#include "ens-history-recorder.h"
#include "ens-share-plan.h"
#include "ens-signer.h"
#include "ens-text.h"
