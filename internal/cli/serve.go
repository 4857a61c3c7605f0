package cli

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/skip2/go-qrcode"
	"github.com/spf13/cobra"

	"appeal/internal/casefile"
	"appeal/internal/input"
	"appeal/internal/pdf"
	"appeal/internal/web"
	"appeal/internal/writers"
)

type serveOptions struct {
	Paths    []string // case files, or one folder of them
	Addr     string
	Public   bool
	Collect  string // writers file to append consenting writers to
	Paper    string
	Envelope string
	Font     string // fallback font file
}

func newServeCmd(e *env) *cobra.Command {
	opts := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve [CASE.yaml...|DIR]",
		Short: "Serve a local web page on which writers make their own letters",
		Long: `Serve a web page for a letter-writing evening: a writer picks a case, gives
their name and address, chooses the language and recipients, reads the
letters and downloads them as one PDF, in the order of the envelopes, or as
e-mail drafts. The cases are the files given, or those in DIR (default:
cases).

The page listens on 127.0.0.1 only. To let phones on the room's network
reach it, give --addr with another address and --public: every visitor then
needs the access code printed at start (in the link and as a QR code).

Nothing a writer types is stored, unless --collect names a writers file:
each writer who ticks consent is added to it, for
'appeal generate CASE --writers FILE --combined ...' at the end of the
evening. Stop the server with Ctrl-C. See docs/serve.md.`,
		Example: `  appeal serve
  appeal serve cases/ua-115-16.yaml --collect evening/writers.csv
  appeal serve --addr 0.0.0.0:8080 --public --collect writers.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runServe(cmd.Context(), e, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Addr, "addr", "127.0.0.1:8080", "address to listen on, host:port")
	f.BoolVar(&opts.Public, "public", false, "allow an address other computers can reach; every visitor then needs the access code")
	f.StringVar(&opts.Collect, "collect", "", "add each writer who ticks consent to this writers file (CSV)")
	f.StringVar(&opts.Paper, "paper", "a4", "paper size of the letters: a4 or letter")
	f.StringVar(&opts.Envelope, "envelope", "dl", "envelope size of the envelopes PDF: dl or c5")
	fontFlag(cmd, &opts.Font)
	_ = cmd.MarkFlagFilename("collect", "csv")
	_ = cmd.RegisterFlagCompletionFunc("paper", cobra.FixedCompletions([]string{"a4", "letter"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("envelope", cobra.FixedCompletions([]string{"dl", "c5"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runServe(ctx context.Context, e *env, opts *serveOptions) error {
	if err := useFonts(e, opts.Font); err != nil {
		return err
	}
	paper, err := pdf.ParsePaper(opts.Paper)
	if err != nil {
		return usageError{fmt.Errorf("--paper: %w", err)}
	}
	envelope, err := pdf.ParseEnvelope(opts.Envelope)
	if err != nil {
		return usageError{fmt.Errorf("--envelope: %w", err)}
	}
	host, _, err := net.SplitHostPort(opts.Addr)
	if err != nil {
		return usagef("--addr %q: give host:port, such as 127.0.0.1:8080", opts.Addr)
	}
	if loopback(host) && opts.Public {
		fmt.Fprintf(e.ErrOut, "warning: --public with --addr %s: only this computer reaches that address; for phones on the room's network give --addr 0.0.0.0:8080\n", opts.Addr)
	}
	if !loopback(host) && !opts.Public {
		return usagef("--addr %s lets other computers on the network reach the page; add --public to allow that (every visitor then needs an access code)", opts.Addr)
	}
	date, err := today(e)
	if err != nil {
		return err
	}
	cases, err := serveCases(e, opts.Paths)
	if err != nil {
		return err
	}
	r, err := newRenderer(e)
	if err != nil {
		return err
	}
	cfg := web.Config{Cases: cases, Renderer: r, Paper: paper, Envelope: envelope,
		Now: func() time.Time { t, _ := today(e); return t }}
	if opts.Collect != "" {
		a, err := writers.OpenAppender(opts.Collect) // makes its folder too
		if err != nil {
			return usageError{fmt.Errorf("--collect: %w", err)}
		}
		defer a.Close()
		cfg.Collect = a
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("%s is in use, perhaps by another appeal serve: stop that one, or give another port, such as --addr %s", opts.Addr, net.JoinHostPort(host, "8081"))
	}
	if err != nil {
		return fmt.Errorf("listen on %s: %w", opts.Addr, err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	urls := []string{fmt.Sprintf("http://%s/", net.JoinHostPort(displayHost(host), fmt.Sprint(port)))}
	if opts.Public {
		cfg.Code = accessCode()
		cfg.Hosts, urls = publicHosts(host, port)
		for i := range urls {
			urls[i] += "?code=" + cfg.Code
		}
	}
	srv, err := web.New(cfg)
	if err != nil {
		return err
	}
	for _, c := range cases {
		if w := deadlineWarning(c, date); w != "" {
			fmt.Fprintf(e.ErrOut, "warning: %s: %s\n", c.File(), w)
		}
	}
	if opts.Public {
		fmt.Fprintf(e.ErrOut, "warning: the page is open to the network on %s; only visitors with the access code get in\n", opts.Addr)
	}
	if opts.Collect != "" {
		fmt.Fprintf(e.ErrOut, "writers who tick consent are added to %s\n", opts.Collect)
	} else {
		fmt.Fprintln(e.ErrOut, "nothing the writers type is stored (add --collect FILE to keep the writers who agree)")
	}
	for _, u := range urls {
		fmt.Fprintln(e.Out, u)
	}
	if opts.Public {
		if qr, err := qrcode.New(urls[0], qrcode.Medium); err == nil {
			fmt.Fprint(e.Out, qr.ToSmallString(false))
		}
	}
	fmt.Fprintln(e.ErrOut, "serving; press Ctrl-C to stop")
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          nil,
	}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		// Finish the requests under way, within the time Main allows.
		sctx, cancel := context.WithTimeout(context.Background(), grace*3/4)
		defer cancel()
		if err := hs.Shutdown(sctx); err != nil {
			hs.Close()
			return stopped{"stopped; some requests under way were cut off"}
		}
		msg := "stopped; every request under way was answered"
		if opts.Collect != "" {
			msg += "; the writers who agreed are in " + opts.Collect
		}
		return stopped{msg}
	}
}

// serveCases loads the cases named on the command line: files, or one
// folder (default cases). A folder's broken files are named and left out.
func serveCases(e *env, paths []string) ([]*casefile.Case, error) {
	if len(paths) == 0 {
		paths = []string{"cases"}
	}
	var out []*casefile.Case
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			cs, err := casefile.LoadDir(p)
			if err != nil {
				var ps input.Problems
				if errors.As(err, &ps) || len(cs) == 0 {
					fmt.Fprintf(e.ErrOut, "warning: left out of the page:\n%v\n", err)
				}
			}
			if len(cs) == 0 {
				return nil, usagef("%s: no case files (*.yaml) that load; check them with appeal validate", p)
			}
			out = append(out, cs...)
			continue
		}
		c, err := loadCase(e, p)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func displayHost(host string) string {
	if host == "" || host == "0.0.0.0" || host == "::" {
		return "127.0.0.1"
	}
	return host
}

// publicHosts are the addresses a public server answers at, and its URLs:
// the one it listens on, or, listening on every address, each of the
// computer's own (the room's network first).
func publicHosts(host string, port int) (hosts, urls []string) {
	ip := net.ParseIP(host)
	if host != "" && (ip == nil || !ip.IsUnspecified()) {
		return []string{host}, []string{fmt.Sprintf("http://%s/", net.JoinHostPort(host, fmt.Sprint(port)))}
	}
	addrs, _ := net.InterfaceAddrs()
	var loop []string
	for _, a := range addrs {
		n, ok := a.(*net.IPNet)
		if !ok || n.IP.IsLinkLocalUnicast() {
			continue
		}
		hosts = append(hosts, n.IP.String())
		u := fmt.Sprintf("http://%s/", net.JoinHostPort(n.IP.String(), fmt.Sprint(port)))
		switch {
		case n.IP.IsLoopback():
			loop = append(loop, u)
		case n.IP.To4() != nil:
			urls = append(urls, u)
		}
	}
	return hosts, append(urls, loop...)
}

// accessCode is a random code that is easy to read out and type: ten
// letters and digits, no 0/o or 1/l.
func accessCode() string {
	const alphabet = "abcdefghijkmnpqrstuvwxyz23456789"
	b := make([]byte, 10)
	rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}
