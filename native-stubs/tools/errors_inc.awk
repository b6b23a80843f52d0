# errors_inc.awk -- api/errors.tsv -> C initialisers { code, "NAME", "text" }, one per code,
# included by src/errors.c (the stub's error texts are generated from the one table).
BEGIN { FS = "\t" }
/^#/ || /^code\t/ || NF == 0 { next }
NF != 3 || $1 !~ /^[0-9]+$/ {
   printf "errors.tsv:%d: expected CODE<TAB>NAME<TAB>TEXT\n", NR > "/dev/stderr"
   bad = 1
   exit 1
}
{
   text = $3
   gsub(/\\/, "\\\\", text)
   gsub(/"/, "\\\"", text)
   printf "   { %su, \"%s\", \"%s\" },\n", $1, $2, text
}
