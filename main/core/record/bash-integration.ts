/**
 * The bash side of `oncall record`: an --rcfile that reads the user's ~/.bashrc first (their prompt,
 * aliases and hooks stay theirs) and then adds OSC 133 prompt/command marks plus OSC 633 marks for
 * the command line and the working directory. The user's dotfiles are never touched.
 *
 * Why each hook is where it is:
 * - precmd runs FIRST in PROMPT_COMMAND so `$?` is the command's exit status, and returns that status
 *   so the user's own prompt commands and PS1 still see it;
 * - "armed" is set LAST, so the DEBUG trap treats only the first command typed after the prompt as
 *   the start of a command line (not the user's prompt commands, not the rest of `a; b`);
 * - the command line comes from `history 1`, since $BASH_COMMAND holds only one simple command. For
 *   that, HISTCONTROL's ignorespace and HISTIGNORE are taken over here: the line always enters the
 *   history, and is deleted again when the user's own settings say it should not be kept;
 * - a line that starts with a space is run with marks C and D (the terminal keeps its command
 *   navigation) but without the E mark, so the recorder never learns it.
 */
export function bashRcfile(nonce: string): string {
  return `# Written by \`oncall record\` for one session; removed when the recording ends.
if [ -r ~/.bashrc ]; then . ~/.bashrc; fi

__oncall_nonce='${nonce}'
__oncall_status=0
__oncall_armed=0
__oncall_running=0

# VS Code's escaping of OSC 633 values: backslash doubled; ';', space and control bytes as \\xHH.
__oncall_esc() {
  local bs='\\' s c hex
  s=\${1//"$bs"/"$bs$bs"}
  s=\${s//;/"\${bs}x3b"}
  s=\${s// /"\${bs}x20"}
  while [[ $s =~ [[:cntrl:]] ]]; do
    c=\${BASH_REMATCH[0]}
    printf -v hex '%sx%02x' "$bs" "'$c"
    s=\${s//"$c"/"$hex"}
  done
  __oncall_escaped=$s
}

__oncall_return() { return "$1"; }

__oncall_precmd() {
  __oncall_status=$?
  __oncall_armed=0
  if [ "$__oncall_running" = 1 ]; then
    __oncall_running=0
    printf '\\e]133;D;%s\\a' "$__oncall_status"
  fi
  __oncall_esc "$PWD"
  printf '\\e]633;P;Cwd=%s\\a\\e]133;A\\a' "$__oncall_escaped"
  return "$__oncall_status"
}

__oncall_prompt_end() {
  # B marks where typing starts: the end of the prompt, whatever the user's prompt commands made of PS1.
  case $PS1 in *'133;B'*) ;; *) PS1+='\\[\\e]133;B\\a\\]' ;; esac
  __oncall_armed=1
  return "$__oncall_status"
}

__oncall_hidden() {
  # The user's HISTCONTROL=ignorespace/ignoreboth and HISTIGNORE, applied to one history line.
  local line=$1 pattern patterns
  [[ $__oncall_ignorespace = 1 && $line == [[:space:]]* ]] && return 0
  # read -a splits on ':' without expanding the patterns against file names.
  IFS=: read -ra patterns <<<"$__oncall_histignore"
  for pattern in "\${patterns[@]}"; do
    [[ -n $pattern && $line == $pattern ]] && return 0
  done
  return 1
}

__oncall_preexec() {
  [ "$__oncall_armed" = 1 ] || return 0
  # Enter on an empty line runs no command: the next one the trap sees is our own prompt hook.
  case $BASH_COMMAND in __oncall_precmd*|__oncall_prompt_end*) __oncall_armed=0; return 0 ;; esac
  # Completion functions run while the user is still typing.
  [ -n "\${COMP_LINE-}" ] && return 0
  __oncall_armed=0
  local entry line=$BASH_COMMAND number=
  if [[ -o history ]]; then
    entry=$(HISTTIMEFORMAT= builtin history 1)
    if [[ $entry =~ ^\\ *([0-9]+)[\\ *]\\ (.*)$ ]]; then
      number=\${BASH_REMATCH[1]}
      line=\${BASH_REMATCH[2]}
    fi
  fi
  if [ -n "$number" ] && __oncall_hidden "$line"; then builtin history -d "$number"; fi
  __oncall_running=1
  if [[ $line != [[:space:]]* ]]; then
    __oncall_esc "$line"
    printf '\\e]633;E;%s;%s\\a' "$__oncall_escaped" "$__oncall_nonce"
  fi
  printf '\\e]133;C\\a'
}

# Take over ignorespace and HISTIGNORE (see above), keeping the rest of HISTCONTROL as it was.
__oncall_ignorespace=0
__oncall_histcontrol=
for __oncall_word in \${HISTCONTROL//:/ }; do
  case $__oncall_word in
    ignorespace) __oncall_ignorespace=1 ;;
    ignoreboth) __oncall_ignorespace=1; __oncall_histcontrol+=:ignoredups ;;
    *) __oncall_histcontrol+=:$__oncall_word ;;
  esac
done
HISTCONTROL=\${__oncall_histcontrol#:}
__oncall_histignore=\${HISTIGNORE-}
HISTIGNORE=
unset __oncall_word __oncall_histcontrol

# Keep the user's DEBUG trap: ours runs first, then theirs with $? as it was (and its status, which
# matters under extdebug).
__oncall_user_debug=
__oncall_capture_trap() { __oncall_user_debug=$2; }
__oncall_trap=$(trap -p DEBUG)
if [ -n "$__oncall_trap" ]; then eval "__oncall_capture_trap \${__oncall_trap#trap }"; fi
unset __oncall_trap
__oncall_debug() {
  local status=$?
  __oncall_preexec
  if [ -n "$__oncall_user_debug" ]; then
    __oncall_return "$status"
    eval "$__oncall_user_debug"
    return
  fi
  return 0
}
trap '__oncall_debug' DEBUG

# Around the user's PROMPT_COMMAND, string or (bash 5.1+) array.
if [[ $(declare -p PROMPT_COMMAND 2>/dev/null) == "declare -a"* ]]; then
  PROMPT_COMMAND=(__oncall_precmd "\${PROMPT_COMMAND[@]}" __oncall_prompt_end)
else
  PROMPT_COMMAND="__oncall_precmd\${PROMPT_COMMAND:+
$PROMPT_COMMAND}
__oncall_prompt_end"
fi
`;
}
