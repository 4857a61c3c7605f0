// Package cli is appeal's command tree: one file per verb, each an options
// struct and a run function. Main maps errors to exit codes: 0 ok,
// 1 failure, 2 usage or invalid input.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"appeal/internal/casefile"
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
}

// Main runs appeal with args and returns the exit status.
func Main(args []string, build Build, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{In: stdin, Out: stdout, ErrOut: stderr, Now: time.Now, Getenv: os.Getenv}
	root := newRoot(e, build)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var ps casefile.Problems
	if errors.As(err, &ps) {
		fmt.Fprintln(stderr, ps.Error())
		what := "the problem above"
		if len(ps) > 1 {
			what = fmt.Sprintf("the %d problems above", len(ps))
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
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%w\nrun '%s --help' for usage", err, cmd.CommandPath())}
	})
	root.AddCommand(newValidateCmd(e), newGenerateCmd(e), newImportCmd(e), newVersionCmd(e, build))
	return root
}

// exactArgs is cobra.ExactArgs with an exit status of 2 and a hint.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("%s needs %s (got %d arguments)\nrun '%s --help' for usage", cmd.CommandPath(), what, len(args), cmd.CommandPath())
		}
		return nil
	}
}
