/**
 * The zsh side of `oncall record`: a temporary ZDOTDIR whose startup files each read the user's own
 * (from their ZDOTDIR, else HOME) with ZDOTDIR pointing at the user's folder while they run, so a
 * user file that reads `$ZDOTDIR/...` finds its own. .zshrc then adds precmd/preexec hooks that
 * write the same marks as the bash integration. Untested here: these machines have no zsh.
 */
export function zshFiles(nonce: string): Record<string, string> {
  const wrap = (name: string) => `# Written by \`oncall record\` for one session; removed when the recording ends.
__oncall_zdotdir=$ZDOTDIR
ZDOTDIR=\${ONCALL_USER_ZDOTDIR:-$HOME}
if [[ -r $ZDOTDIR/${name} ]]; then source "$ZDOTDIR/${name}"; fi
ONCALL_USER_ZDOTDIR=$ZDOTDIR
ZDOTDIR=$__oncall_zdotdir
`;
  return {
    '.zshenv': wrap('.zshenv'),
    '.zprofile': wrap('.zprofile'),
    '.zlogin': wrap('.zlogin'),
    '.zshrc': `${wrap('.zshrc')}
# From here on zsh reads the user's own files (.zlogin, .zlogout).
ZDOTDIR=$ONCALL_USER_ZDOTDIR
unset ONCALL_USER_ZDOTDIR __oncall_zdotdir

typeset -g __oncall_nonce='${nonce}'
typeset -gi __oncall_running=0

# VS Code's escaping of OSC 633 values: backslash doubled; ';', space and control bytes as \\xHH.
__oncall_esc() {
  emulate -L zsh
  local s=$1 out= c hex
  local -i i
  for (( i = 1; i <= \${#s}; i++ )); do
    c=$s[i]
    if [[ $c == '\\' ]]; then out+='\\\\'
    elif [[ $c == ';' || $c == ' ' || $c == [[:cntrl:]] ]]; then printf -v hex '\\\\x%02x' "'$c"; out+=$hex
    else out+=$c
    fi
  done
  REPLY=$out
}

__oncall_precmd() {
  local -i ret=$?
  if (( __oncall_running )); then
    __oncall_running=0
    printf '\\e]133;D;%s\\a' $ret
  fi
  __oncall_esc "$PWD"
  printf '\\e]633;P;Cwd=%s\\a\\e]133;A\\a' "$REPLY"
  return $ret
}

__oncall_preexec() {
  # $1 is the line as typed; a leading space keeps it off the record.
  __oncall_running=1
  if [[ $1 != [[:space:]]* ]]; then
    __oncall_esc "$1"
    printf '\\e]633;E;%s;%s\\a' "$REPLY" "$__oncall_nonce"
  fi
  printf '\\e]133;C\\a'
}

# First in line, so $? is still the command's status.
precmd_functions=(__oncall_precmd $precmd_functions)
preexec_functions=(__oncall_preexec $preexec_functions)
`,
  };
}
