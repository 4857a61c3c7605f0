// Package cli is appeal's command tree: one file per verb, each an options
// struct and a run function. Main maps errors to exit codes: 0 ok,
// 1 failure, 2 usage or invalid input.
package cli

import (
	"appeal/internal/input"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitInvalid = 2
)

// usageError is an error in how the command was called: exit status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// env is what every command reads from its surroundings.
type env struct {
	In     io.Reader
	Out    io.Writer // data
	ErrOut io.Writer // messages
	Now    func() time.Time
	Getenv func(string) string
	Args   []string // the command line, for messages
}

// grace is how long a command may take to stop cleanly after Ctrl-C or
// SIGTERM before appeal exits anyway (a read that blocks, on a FIFO say).
const grace = time.Second

// Main runs appeal with args and returns the exit status.
//
// On Ctrl-C (SIGINT) or SIGTERM the command's context is cancelled: it
// stops at the next safe point, removes its temporary files and writes
// nothing half-made, and Main returns 130 or 143 (128 + the signal), as
// shells do. A second signal, or a command that does not stop within
// grace, ends it at once with the same status.
func Main(args []string, build Build, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{In: stdin, Out: stdout, ErrOut: stderr, Now: time.Now, Getenv: os.Getenv, Args: args}
	root := newRoot(e, build)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- root.ExecuteContext(ctx) }()
	var err error
	select {
	case err = <-done:
	case sig := <-sigs:
		cancel()
		select {
		case err = <-done:
		case <-sigs:
		case <-time.After(grace):
		}
		var st stopped
		switch {
		case errors.As(err, &st):
			fmt.Fprintf(stderr, "appeal: %s\n", st.msg)
		case err == nil || errors.Is(err, context.Canceled):
			fmt.Fprintln(stderr, "appeal: interrupted; nothing half-written is left (a batch finishes when run again)")
		default:
			fmt.Fprintf(stderr, "appeal: interrupted: %v\n", err)
		}
		return signalStatus(sig)
	}
	if err == nil {
		return exitOK
	}
	if msg, ok := unknownCommand(err); ok {
		err = usageError{errors.New(msg)}
	}
	var ps input.Problems
	if errors.As(err, &ps) && len(ps) == 1 && ps[0].Line == 0 && ps[0].Path == "" {
		// One problem with the file as a whole (missing, unreadable): one line.
		fmt.Fprintf(stderr, "appeal: %s\n", ps[0])
		return exitInvalid
	}
	if errors.As(err, &ps) {
		var all input.All
		if errors.As(err, &all) {
			fmt.Fprintln(stderr, all.Error())
		} else {
			fmt.Fprintln(stderr, ps.Error())
		}
		// A closing remark of the file as a whole ("nothing written; …") is
		// not counted as a problem to fix.
		n := 0
		for _, p := range ps {
			if p.Line > 0 || p.Path != "" {
				n++
			}
		}
		if n == 0 {
			n = len(ps)
		}
		what := "the problem above"
		if n > 1 {
			what = fmt.Sprintf("the %d problems above", n)
		}
		fmt.Fprintf(stderr, "appeal: %s: fix %s and run again\n", ps[0].File, what)
		return exitInvalid
	}
	fmt.Fprintf(stderr, "appeal: %v\n", err)
	var ue usageError
	if errors.As(err, &ue) {
		return exitInvalid
	}
	return exitFailure
}

// unknownCommand rewrites cobra's "unknown command" error, whose
// suggestion spans several lines, as one line: its exit status is 2.
func unknownCommand(err error) (string, bool) {
	msg := err.Error()
	if !strings.HasPrefix(msg, "unknown command ") {
		return "", false
	}
	first, rest, _ := strings.Cut(msg, "\n")
	first = strings.TrimSuffix(first, ` for "appeal"`)
	if _, sugg, ok := strings.Cut(rest, "Did you mean this?"); ok {
		if fs := strings.Fields(sugg); len(fs) > 0 {
			return fmt.Sprintf("%s; did you mean %q?", first, fs[0]), true
		}
	}
	return first + "; run 'appeal --help' for the commands", true
}

// flagError is how a command reports a flag it does not know or cannot
// parse: exit status 2, a did-you-mean for a misspelt flag, and a pointer
// to the help.
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "unknown flag: --"); ok {
		var names []string
		cmd.Flags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
		if best := input.Closest(name, names); best != "" {
			msg += fmt.Sprintf("; did you mean --%s?", best)
		}
	}
	return usageError{fmt.Errorf("%s\nrun '%s --help' for usage", msg, cmd.CommandPath())}
}

// signalStatus is the exit status of a process ended by sig: 128 + its
// number, as shells report it (130 for SIGINT, 143 for SIGTERM).
func signalStatus(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 130
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func newRoot(e *env, build Build) *cobra.Command {
	root := &cobra.Command{
		Use:   "appeal",
		Short: "Write human-rights appeal letters from a case file",
		Long: `appeal writes polite, ready-to-send appeal letters for an Urgent Action:
one letter per recipient, in the language you choose, as PDF or text.
Nothing you give it leaves your machine.`,
		Example: `  appeal validate cases/ua-115-16.yaml
  appeal generate cases/ua-115-16.yaml --lang ru --sender me.yaml
  appeal generate cases/ua-115-16.yaml --lang en --format text --out -`,
		Version:       build.resolve().Version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetVersionTemplate(build.resolve().String())
	root.SetFlagErrorFunc(flagError)
	root.AddCommand(newValidateCmd(e), newGenerateCmd(e), newCasesCmd(e), newImportCmd(e), newServeCmd(e), newTemplatesCmd(e), newVersionCmd(e, build))
	return root
}

// exactArgs is cobra.ExactArgs with an exit status of 2 and a hint.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			hint := ""
			for _, a := range args[min(n, len(args)):] {
				switch strings.ToLower(filepath.Ext(a)) {
				case ".csv", ".json":
					hint = fmt.Sprintf("; a writers file goes with --writers %s", a)
				}
			}
			return usagef("%s needs %s (got %d arguments%s)\nrun '%s --help' for usage", cmd.Name(), what, len(args), hint, cmd.CommandPath())
		}
		return nil
	}
}

// groupRun is the RunE of a command that only groups others (templates,
// templates po): without a subcommand it shows its help; an unknown one is
// bad usage, exit 2, with a did-you-mean.
func groupRun(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return cmd.Help()
	}
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2
	}
	name := strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ") // "templates po"
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		return usagef("%s has no command %q; did you mean %q?", name, args[0], s[0])
	}
	return usagef("%s has no command %q; run '%s --help' for its commands", name, args[0], cmd.CommandPath())
}

// stopped is how a command that runs until it is stopped (serve) ends on
// Ctrl-C: msg says what became of its work.
type stopped struct{ msg string }

func (s stopped) Error() string { return s.msg }
