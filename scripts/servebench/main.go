// Command servebench measures appeal serve as a letter-writing evening
// uses it: W writers at once on loopback, each opening the case's form
// and downloading their letters as one PDF, S times. It prints the
// latency per PDF (median, 99th percentile, slowest) and the server's
// peak resident memory:
//
//	go run ./scripts/servebench -writers 50 -sets 10 -- bin/appeal serve cases/ua-115-16.yaml --addr 127.0.0.1:0
//
// The server is started as its own process, so its memory is its own.
// The run is bounded: W×S PDFs, and -timeout for the whole.
package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

var (
	caseLink = regexp.MustCompile(`href="/case/([^"/?]+)"`)
	csrf     = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	toBox    = regexp.MustCompile(`name="to" value="([^"]+)"`)
)

func main() {
	nw := flag.Int("writers", 50, "writers at once")
	sets := flag.Int("sets", 10, "letter sets each writer downloads")
	timeout := flag.Duration("timeout", 2*time.Minute, "time for the whole run")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: servebench [-writers N] [-sets N] -- appeal serve CASE --addr 127.0.0.1:0")
		os.Exit(2)
	}
	if err := run(*nw, *sets, *timeout, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "servebench:", err)
		os.Exit(1)
	}
}

func run(nw, sets int, timeout time.Duration, args []string) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	srv := exec.Command(args[0], args[1:]...)
	out, err := srv.StdoutPipe()
	if err != nil {
		return err
	}
	srv.Stderr = io.Discard
	if err := srv.Start(); err != nil {
		return err
	}
	defer func() {
		srv.Process.Signal(syscall.SIGTERM)
		srv.Wait()
	}()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		return fmt.Errorf("the server printed no address: %w", err)
	}
	base := strings.TrimSuffix(strings.TrimSpace(line), "/")
	go io.Copy(io.Discard, out)

	first, err := newWriter(base)
	if err != nil {
		return err
	}
	home, at, err := first.get(ctx, "/")
	if err != nil {
		return err
	}
	// One case: the home page is its form. Several: the first listed.
	m := caseLink.FindStringSubmatch(`href="` + at + `"`)
	if m == nil {
		m = caseLink.FindStringSubmatch(home)
	}
	if m == nil {
		return fmt.Errorf("no case on the home page")
	}
	caseID := m[1]

	var (
		mu    sync.Mutex
		times []time.Duration
		bytes int64
		errs  []error
		wg    sync.WaitGroup
	)
	start := time.Now()
	for i := range nw {
		wg.Go(func() {
			w, err := newWriter(base)
			for s := 0; err == nil && s < sets; s++ {
				var d time.Duration
				var n int
				d, n, err = w.letters(ctx, caseID, i)
				mu.Lock()
				if err == nil {
					times = append(times, d)
					bytes += int64(n)
				}
				mu.Unlock()
			}
			if err != nil {
				mu.Lock()
				errs = append(errs, fmt.Errorf("writer %d: %w", i+1, err))
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	rss := peakRSS(srv.Process.Pid)
	if len(errs) > 0 {
		return fmt.Errorf("%d of %d writers failed; first: %w", len(errs), nw, errs[0])
	}
	slices.Sort(times)
	q := func(p float64) time.Duration { return times[min(len(times)-1, int(p*float64(len(times))))] }
	ms := func(d time.Duration) string { return strconv.FormatFloat(float64(d)/1e6, 'f', 1, 64) + " ms" }
	fmt.Printf("%d writers at once, %d letter sets each: %d PDFs (%.0f kB each) in %.2f s\n",
		nw, sets, len(times), float64(bytes)/float64(len(times))/1000, elapsed.Seconds())
	fmt.Printf("latency per PDF: median %s, p99 %s, slowest %s; server peak RSS %s\n",
		ms(q(0.5)), ms(q(0.99)), ms(times[len(times)-1]), rss)
	return nil
}

// writer is one person at the evening: a browser with its own cookies.
type writer struct {
	base string
	hc   *http.Client
}

func newWriter(base string) (*writer, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	return &writer{base: base, hc: &http.Client{Jar: jar}}, nil
}

// get returns the page at path and the path it ended at, after redirects.
func (w *writer) get(ctx context.Context, path string) (string, string, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", w.base+path, nil)
	if err != nil {
		return "", "", err
	}
	resp, err := w.hc.Do(req)
	if err != nil {
		return "", "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != 200 {
		err = fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return string(b), resp.Request.URL.Path, err
}

// letters opens the form, fills it in as writer i and downloads the PDF
// of the letters to every recipient the form offers; it returns the time
// the PDF took and its size.
func (w *writer) letters(ctx context.Context, caseID string, i int) (time.Duration, int, error) {
	form, _, err := w.get(ctx, "/case/"+caseID)
	if err != nil {
		return 0, 0, err
	}
	tok := csrf.FindStringSubmatch(form)
	if tok == nil {
		return 0, 0, fmt.Errorf("no CSRF token in the form")
	}
	v := url.Values{
		"csrf": {tok[1]}, "name": {fmt.Sprintf("Writer %d", i+1)}, "address1": {fmt.Sprintf("%d High Street", i+1)},
		"postcode": {"M1 1AA"}, "city": {"Manchester"}, "country": {"GB"}, "lang": {"en"},
	}
	for _, m := range toBox.FindAllStringSubmatch(form, -1) {
		v.Add("to", m[1])
	}
	req, err := http.NewRequestWithContext(ctx, "POST", w.base+"/case/"+caseID+"/letters.pdf", strings.NewReader(v.Encode()))
	if err != nil {
		return 0, 0, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	start := time.Now()
	resp, err := w.hc.Do(req)
	if err != nil {
		return 0, 0, err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	d := time.Since(start)
	if err != nil {
		return 0, 0, err
	}
	if resp.StatusCode != 200 || !bytes.HasPrefix(b, []byte("%PDF-")) {
		return 0, 0, fmt.Errorf("letters.pdf: %s, %.80q", resp.Status, b)
	}
	return d, len(b), nil
}

// peakRSS reads the process's high-water mark of resident memory (Linux).
func peakRSS(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "not measured on this system"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) == 3 && f[0] == "VmHWM:" {
			if kb, err := strconv.Atoi(f[1]); err == nil {
				return fmt.Sprintf("%d MiB", kb/1024)
			}
		}
	}
	return "not measured on this system"
}
