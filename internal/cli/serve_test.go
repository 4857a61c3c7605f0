package cli

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer safe to read while the server writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func serveEnv() (*env, *lockedBuffer, *lockedBuffer) {
	out, errOut := &lockedBuffer{}, &lockedBuffer{}
	return &env{Out: out, ErrOut: errOut, Now: time.Now, Getenv: func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return "1488326400" // 2017-03-01
		}
		return ""
	}}, out, errOut
}

func TestServeRefusesPublicAddressWithoutFlag(t *testing.T) {
	e, _, _ := serveEnv()
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:8080", "[::]:0"} {
		err := runServe(context.Background(), e, &serveOptions{Paths: []string{"../../cases"}, Addr: addr, Paper: "a4", Envelope: "dl"})
		var ue usageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), "--public") {
			t.Errorf("%s: %v, want a usage error naming --public", addr, err)
		}
	}
}

// serve starts runServe and returns the first URL it prints.
func serve(t *testing.T, opts *serveOptions) (url string, errOut *lockedBuffer, stop func() error) {
	t.Helper()
	e, out, errOut := serveEnv()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- runServe(ctx, e, opts) }()
	re := regexp.MustCompile(`http://\S+`)
	for range 100 {
		if u := re.FindString(out.String()); u != "" {
			return u, errOut, func() error { cancel(); return <-done }
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v\n%s", err, errOut)
		case <-time.After(50 * time.Millisecond):
		}
	}
	cancel()
	t.Fatalf("no URL printed:\n%s%s", out, errOut)
	return "", nil, nil
}

func TestServeStartsAndStops(t *testing.T) {
	collect := filepath.Join(t.TempDir(), "writers.csv")
	url, errOut, stop := serve(t, &serveOptions{Paths: []string{"../../cases/ua-115-16.yaml"}, Addr: "127.0.0.1:0", Paper: "a4", Envelope: "dl", Collect: collect})
	resp, err := http.Get(url + "case/ua-115-16")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `name="consent"`) {
		t.Errorf("form: %d", resp.StatusCode)
	}
	var st stopped
	if err := stop(); !errors.As(err, &st) || st.msg != "stopped; every request under way was answered; the writers who agreed are in "+collect {
		t.Errorf("stopped with %v", err)
	}
	if !strings.Contains(errOut.String(), "added to "+collect) {
		t.Errorf("stderr:\n%s", errOut)
	}
	if _, err := os.Stat(collect); err != nil {
		t.Errorf("writers file: %v", err)
	}
}

func TestServePublicNeedsCode(t *testing.T) {
	url, errOut, stop := serve(t, &serveOptions{Paths: []string{"../../cases"}, Addr: "127.0.0.1:0", Public: true, Paper: "a4", Envelope: "dl"})
	defer stop()
	code := regexp.MustCompile(`\?code=([a-z0-9]{10})$`).FindStringSubmatch(url)
	if code == nil || !strings.Contains(errOut.String(), "warning: the page is open to the network") ||
		!strings.Contains(errOut.String(), "only this computer reaches that address; for phones on the room's network give --addr 0.0.0.0:8080") {
		t.Fatalf("url %s\n%s", url, errOut)
	}
	bare := strings.TrimSuffix(url, code[0])
	if resp, err := http.Get(bare + "case/ua-115-16"); err != nil || resp.StatusCode != 403 {
		t.Errorf("without the code: %v %v", resp.StatusCode, err)
	}
	jar, _ := cookiejar.New(nil)
	resp, err := (&http.Client{Jar: jar}).Get(url) // the code sets a cookie and redirects to the page
	if err != nil || resp.StatusCode != 200 || strings.Contains(resp.Request.URL.String(), "code=") {
		t.Errorf("with the code: %v %v", resp.StatusCode, err)
	}
}

func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	e, _, _ := serveEnv()
	err = runServe(context.Background(), e, &serveOptions{Paths: []string{"../../cases/ua-115-16.yaml"}, Addr: addr, Paper: "a4", Envelope: "dl"})
	if err == nil || !strings.Contains(err.Error(), addr+" is in use, perhaps by another appeal serve") || !strings.Contains(err.Error(), "--addr 127.0.0.1:8081") {
		t.Errorf("err = %v", err)
	}
}
