/*
 * The anchor with the interim vectors (test/interim-vectors.txt, fresh keys each run): their
 * authority key, under the name an exported anchor header gives it (firmware/README.md, "Compiling
 * in your authority key"). Used only while docs/test-vectors/record-v1.txt is missing.
 */
#ifndef MINTAGE_ANCHOR_H
#define MINTAGE_ANCHOR_H

#include "vectors.h"

#define mintage_authority_key vec_authority_public_key

#endif /* MINTAGE_ANCHOR_H */
