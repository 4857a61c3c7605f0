package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"appeal/internal/batch"
	"appeal/internal/pdftest"
)

// TestPrintSet makes the print files of examples/writers.csv and checks,
// with pdftotext, that they match up in a volunteer's stuffing order:
// letter n of the combined PDF starts on a sheet of its own (an odd page,
// with --duplex), is the letter of the next writer and recipient, and goes
// into envelope n and onto label n, which carry the same address block.
func TestPrintSet(t *testing.T) {
	pdftest.Need(t, "pdftotext", "qpdf")
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	combined, envelopes, labels := filepath.Join(dir, "print.pdf"), filepath.Join(dir, "envelopes.pdf"), filepath.Join(dir, "labels.pdf")
	args := []string{"generate", "../../cases/ua-115-16.yaml", "--writers", "../../examples/writers.csv", "--out", out,
		"--date", "2017-02-10", "--combined", combined, "--duplex", "--envelopes", envelopes, "--labels", labels}
	var stderr bytes.Buffer
	if code := Main(args, Build{}, nil, &bytes.Buffer{}, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	// The same letters as text, for their address blocks.
	textOut := filepath.Join(dir, "text")
	if code := Main([]string{"generate", "../../cases/ua-115-16.yaml", "--writers", "../../examples/writers.csv", "--out", textOut,
		"--date", "2017-02-10", "--format", "text"}, Build{}, nil, &bytes.Buffer{}, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	rows, err := batch.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	// The plan order: writers in file order, recipients in case order; the
	// manifest after a run lists this run's letters in that order.
	data, _ := os.ReadFile(filepath.Join(out, batch.ManifestName))
	var order []string
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n")[1:] {
		order = append(order, strings.SplitN(line, ",", 2)[0])
	}
	// 9 writers x 3 recipients in Kazakhstan, and the embassy in London
	// for the one writer in the United Kingdom.
	if len(order) != 28 || len(rows) != 28 {
		t.Fatalf("%d letters, want 9 writers x 3 recipients + 1 embassy letter", len(order))
	}
	pages := pdftest.Pages(t, combined)
	if pages != 55 {
		t.Errorf("combined: %d pages, want 55 (28 one-page letters, each but the last followed by a blank back)", pages)
	}
	envText := pageTexts(t, envelopes, 28)
	// Envelopes carry no e-mail address, and name the writer's country as
	// the writer's own post reads it (Jonas Becker, Berlin: letters 5-8).
	for n, text := range envText {
		if strings.Contains(text, "@") {
			t.Errorf("envelope %d carries an e-mail address:\n%s", n+1, text)
		}
	}
	if !strings.Contains(envText[4], "DEUTSCHLAND") {
		t.Errorf("envelope 5 (a writer in Germany) does not say DEUTSCHLAND:\n%s", envText[4])
	}
	for n, file := range order {
		letterText := pdftest.Text(t, filepath.Join(out, filepath.FromSlash(file)), 0, 0)
		page := pdftest.Text(t, combined, 2*n+1, 2*n+1)
		if norm(page) != norm(letterText) {
			t.Errorf("letter %d (%s): page %d of the combined PDF is not that letter", n+1, file, 2*n+1)
		}
		if n == len(order)-1 {
			// no blank page after the last letter
		} else if back := strings.TrimSpace(pdftest.Text(t, combined, 2*n+2, 2*n+2)); back != "" {
			t.Errorf("page %d should be the blank back of letter %d, has %q", 2*n+2, n+1, back)
		}
		// The address block of the letter: the lines in the envelope window.
		addr := addressOf(t, filepath.Join(textOut, filepath.FromSlash(strings.TrimSuffix(file, ".pdf")+".txt")))
		if !strings.Contains(norm(envText[n]), norm(addr)) {
			t.Errorf("envelope %d does not carry the address of letter %d:\nletter: %s\nenvelope: %s", n+1, n+1, addr, envText[n])
		}
		row, col := (n%21)/3, n%3
		cell := crop(t, labels, n/21+1, float64(col)*70, 0.45+float64(row)*42.3, 70, 42.3)
		if norm(cell) != norm(addr) {
			t.Errorf("label %d: %q, want the address of letter %d: %q", n+1, cell, n+1, addr)
		}
	}
}

func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

func pageTexts(t *testing.T, path string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = pdftest.Text(t, path, i+1, i+1)
	}
	return out
}

// addressOf returns the recipient block of a text letter: its third part.
func addressOf(t *testing.T, path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(data), "\n\n")[2]
}

// crop returns the text in the area x, y, w, h (mm) of page n.
func crop(t *testing.T, path string, n int, x, y, w, h float64) string {
	pt := func(mm float64) string { return strconv.Itoa(int(mm*72/25.4 + 0.5)) }
	return pdftest.Run(t, "pdftotext", "-enc", "UTF-8", "-f", itoa(n), "-l", itoa(n), "-x", pt(x), "-y", pt(y), "-W", pt(w), "-H", pt(h), "-r", "72", path, "-")
}

func itoa(n int) string { return strconv.Itoa(n) }
