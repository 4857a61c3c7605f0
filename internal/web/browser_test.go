package web

import (
	"context"
	"math"
	"net/http/httptest"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"appeal/internal/pdftest"
)

// chromium finds Debian's chromium (or Chrome); without it the browser
// tests skip, unless CI is set, when they fail (as pdftest.Need).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "" {
		t.Skip("no chromium on PATH (scripts/test-tools installs it)")
	}
	t.Fatal("no chromium on PATH (and CI is set)")
	return ""
}

// browse starts a server and a headless browser on it.
func browse(t *testing.T) (ctx context.Context, base string) { return browseWith(t, nil) }

// browseWith starts a server with its Config changed, and a browser.
func browseWith(t *testing.T, change func(*Config)) (ctx context.Context, base string) {
	path := chromium(t)
	ts := httptest.NewServer(newServer(t, change))
	t.Cleanup(ts.Close)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.Flag("lang", "en-GB"), chromedp.Flag("accept-lang", "en-GB,en"), chromedp.WindowSize(1280, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel3)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", path, err)
	}
	return ctx, ts.URL
}

// shot saves a screenshot to $APPEAL_SCREENSHOTS (docs/img when updating
// the documentation's pictures), else to the test's temporary folder.
func shot(t *testing.T, name string, png []byte) {
	dir := os.Getenv("APPEAL_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Error(err)
	}
}

func fillJane(ctx context.Context, note string) error {
	return chromedp.Do(ctx,
		chromedp.SendKeys(css("#name"), "Jane Writer"),
		chromedp.SendKeys(css("#address1"), "1 High Street"),
		chromedp.SendKeys(css("#postcode"), "M1 1AA"),
		chromedp.SendKeys(css("#city"), "Manchester"),
		chromedp.SetValue(css("#country"), "GB"),
		chromedp.SendKeys(css("#note"), note),
	)
}

type css = chromedp.CSS

// run runs an action that returns a value, failing t on an error.
func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// waitFile waits for a finished download in dir with the extension ext.
func waitFile(t *testing.T, dir, ext string) string {
	t.Helper()
	for range 100 {
		m, _ := filepath.Glob(filepath.Join(dir, "*"+ext))
		if len(m) == 1 {
			return m[0]
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no %s downloaded to %s", ext, dir)
	return ""
}

// TestBrowserLetters: a writer fills in the form in a real browser, reads
// the letters, downloads the PDF and an e-mail draft.
func TestBrowserLetters(t *testing.T) {
	pdftest.Need(t, "pdftotext")
	ctx, base := browse(t)
	dl := t.TempDir()
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dl}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(css("#name")), chromedp.KeyEvent("\t"))
	focused := run(t, ctx, chromedp.Evaluate[string](`document.activeElement.className`))
	if err := fillJane(ctx, "As a teacher, I know how much free speech matters."); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	form := run(t, ctx, chromedp.CaptureScreenshot())
	do(t, ctx, chromedp.Click(css(`button.primary`)), chromedp.WaitVisible(css("#preview-h")))
	preview := run(t, ctx, chromedp.Text(css(`details.letter[open] .paper`)))
	result := run(t, ctx, chromedp.CaptureScreenshot())
	do(t, ctx, chromedp.Click(css(`form[action$="letters.pdf"] button`)))
	if focused != "skip" {
		t.Errorf("the first Tab goes to %q, want the skip link", focused)
	}
	shot(t, "serve-form-laptop.png", form)
	shot(t, "serve-result-laptop.png", result)
	for _, want := range []string{"Jane Writer", "Dear Prosecutor General,", "As a teacher, I know how much free speech matters."} {
		if !strings.Contains(preview, want) {
			t.Errorf("preview lacks %q:\n%s", want, preview)
		}
	}
	text := pdftest.Text(t, waitFile(t, dl, ".pdf"), 0, 0)
	checkOrder(t, text, "Jane Writer", "Zhakip Assanov", "Marat Beketaev", "Askar Shakirov")

	do(t, ctx, chromedp.Click(css(`form[action$="mail/minister-of-justice"] button`)))
	f, err := os.Open(waitFile(t, dl, ".eml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := mail.ReadMessage(f)
	if err != nil {
		t.Fatal(err)
	}
	if to := m.Header.Get("To"); !strings.Contains(to, "kanc@adilet.gov.kz") || m.Header.Get("X-Unsent") != "1" {
		t.Errorf("draft: To %q, X-Unsent %q", to, m.Header.Get("X-Unsent"))
	}
}

// TestBrowserLanguage switches the page to German by its link, and the
// choice holds on the next page.
func TestBrowserLanguage(t *testing.T) {
	ctx, base := browse(t)
	do(t, ctx, chromedp.Navigate(base+"/case/ua-115-16"), chromedp.Click(css(`a[hreflang="de"]`)),
		chromedp.WaitVisible(css(`a[hreflang="de"][aria-current]`)))
	lang := run(t, ctx, chromedp.AttributeValue(css("html"), "lang")).Value
	label := run(t, ctx, chromedp.Text(css(`label[for="name"]`)))
	do(t, ctx, chromedp.Navigate(base+"/case/ua-115-16"))
	again := run(t, ctx, chromedp.AttributeValue(css("html"), "lang")).Value
	if lang != "de" || !strings.HasPrefix(label, "Ihr Name") || again != "de" {
		t.Errorf("lang %q, label %q, then %q", lang, label, again)
	}
	// An empty form comes back with its messages, in German.
	do(t, ctx, chromedp.Click(css(`button.primary`)), chromedp.WaitVisible(css(".error-summary")))
	summary := run(t, ctx, chromedp.Text(css(".error-summary")))
	if !strings.Contains(summary, "Geben Sie den Namen ein, mit dem Sie unterschreiben.") {
		t.Errorf("error summary: %q", summary)
	}
	shot(t, "serve-errors-laptop.png", run(t, ctx, chromedp.CaptureScreenshot()))
}

// overflow is the page's scroll width, the window's width and the first
// elements that stick out of the window on either side.
const overflow = `[document.documentElement.scrollWidth, window.innerWidth, [...document.querySelectorAll('body *')].filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > window.innerWidth + 0.5 || r.left < -0.5) }).map(e => e.tagName + '.' + e.className).slice(0, 5).join(' ')]`

// TestBrowserPhone loads the pages at a phone's size (360 x 740) and
// checks that nothing is wider than the screen.
func TestBrowserPhone(t *testing.T) {
	ctx, base := browse(t)
	do(t, ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(1), chromedp.EmulateMobile),
		chromedp.Navigate(base+"/case/ua-115-16?ui=kk"), chromedp.WaitVisible(css("#name")))
	before := run(t, ctx, chromedp.Evaluate[[]any](overflow))
	form := run(t, ctx, chromedp.CaptureScreenshot())
	if err := fillJane(ctx, "Судьба этих людей мне небезразлична."); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.SetValue(css("#lang"), "ru"),
		chromedp.Submit(css("#name")), chromedp.WaitVisible(css("#preview-h")))
	after := run(t, ctx, chromedp.Evaluate[[]any](overflow))
	result := run(t, ctx, chromedp.CaptureScreenshot())
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById('preview-h').scrollIntoView()`))
	shot(t, "serve-preview-phone.png", run(t, ctx, chromedp.CaptureScreenshot()))
	shot(t, "serve-form-phone.png", form)
	shot(t, "serve-result-phone.png", result)
	for name, got := range map[string][]any{"form": before, "result": after} {
		if len(got) != 3 || got[0].(float64) > got[1].(float64) || got[2] != "" {
			t.Errorf("%s at 360 px: scroll width, window width, elements past the edge: %v", name, got)
		}
	}
}

// TestBrowserPersianPhone: a writer fills in the form in Persian, right to
// left, on a phone: nothing sticks out on either side, the fields and
// checkboxes start on the right, and the letters are Persian.
func TestBrowserPersianPhone(t *testing.T) {
	ctx, base := browseWith(t, withNarges(t))
	do(t, ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(1), chromedp.EmulateMobile),
		chromedp.Navigate(base+"/case/ua-narges-mohammadi-2022?ui=fa"), chromedp.WaitVisible(css("#name")))
	dir := run(t, ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('h1')).direction`))
	before := run(t, ctx, chromedp.Evaluate[[]any](overflow))
	// Right to left, things start on the right: the name's label at its
	// field's right edge, a checkbox right of its label, the button at the
	// right edge of the fieldsets.
	sides := run(t, ctx, chromedp.Evaluate[[]any](`(() => {
		const r = s => document.querySelector(s).getBoundingClientRect();
		return [r('label[for=name]').right - r('#name').right, r('#to-0').left - r('label[for=to-0]').right, r('button.primary').right - r('fieldset').right];
	})()`))
	form := run(t, ctx, chromedp.CaptureScreenshot())
	do(t, ctx,
		chromedp.SendKeys(css("#name"), "مریم احمدی"),
		chromedp.SendKeys(css("#address1"), "Hauptstraße 5"),
		chromedp.SendKeys(css("#postcode"), "10115"),
		chromedp.SendKeys(css("#city"), "Berlin"),
		chromedp.SetValue(css("#country"), "DE"),
		chromedp.SetValue(css("#lang"), "fa"),
		chromedp.SendKeys(css("#note"), "سرنوشت او برای من مهم است."),
		chromedp.Submit(css("#name")), chromedp.WaitVisible(css("#preview-h")))
	after := run(t, ctx, chromedp.Evaluate[[]any](overflow))
	preview := run(t, ctx, chromedp.Text(css(`details.letter[open] .paper`)))
	shot(t, "serve-form-fa-phone.png", form)
	if dir != "rtl" {
		t.Errorf("the page's direction is %q, want rtl", dir)
	}
	if len(sides) != 3 || math.Abs(sides[0].(float64)) > 0.5 || sides[1].(float64) < 0 || math.Abs(sides[2].(float64)) > 0.5 {
		t.Errorf("right to left: label off its field's right edge, checkbox right of its label, button off the right edge: %v px", sides)
	}
	for name, got := range map[string][]any{"form": before, "result": after} {
		if len(got) != 3 || got[0].(float64) > got[1].(float64) || got[2] != "" {
			t.Errorf("fa %s at 360 px: scroll width, window width, elements past an edge: %v", name, got)
		}
	}
	for _, want := range []string{"مریم احمدی", "سرنوشت او برای من مهم است."} {
		if !strings.Contains(preview, want) {
			t.Errorf("preview lacks %q:\n%s", want, preview)
		}
	}
}
