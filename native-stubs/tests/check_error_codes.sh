#!/bin/sh
# check_error_codes.sh HEADER ERRORS_TSV -- every VIX_* error constant the ABI header declares
# has the code and name api/errors.tsv gives it (the header lists only some; the tsv is the
# one table).
set -eu
header=$1
tsv=$2
bad=$(awk -F'\t' 'NR == FNR { if ($1 ~ /^[0-9]+$/) code[$2] = $1; next }
   /^enum \{/ { inErr = 0 }
   /^ *VIX_(E_[A-Z0-9_]+|OK|ASYNC) *= *[0-9]+,?$/ {
      name = $0; sub(/^ */, "", name); sub(/ *=.*/, "", name)
      val = $0; sub(/.*= */, "", val); sub(/,$/, "", val)
      n++
      if (!(name in code)) print name " is not in errors.tsv"
      else if (code[name] != val) print name " is " val " in the header, " code[name] " in errors.tsv"
   }
   END { if (n == 0) print "no VIX error constants found in the header" }' "$tsv" "$header")
if [ -n "$bad" ]; then
   echo "FAIL error codes: $bad"
   exit 1
fi
echo "ok error codes: the header's VIX error constants agree with errors.tsv"
