package pdf_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"appeal/internal/doc"
	"appeal/internal/pdf"
)

// The batch targets: at least 2,000 one-page letters a second written as
// separate PDF files, and 10,000 pages a second into combined PDFs, on two
// cores, for the whole program (these benchmarks measure the PDF part).
// Besides letters (or pages) per second of wall-clock time, which other
// processes on the machine slow down, the benchmarks report the CPU time
// the process used per letter (or page), which they do not: on two cores,
// 2,000 letters a second leave at most 1 ms of CPU time per letter, and
// 10,000 pages a second 200 µs per page.

// BenchmarkLetterFiles writes one-page Russian letters, one PDF each, on
// all CPUs: into a buffer (buffer), and, as a batch does, each into a file
// of its own (disk: a new file per letter in a temporary folder, no fsync).
func BenchmarkLetterFiles(b *testing.B) {
	l := russian()
	if _, err := pdf.Write(new(bytes.Buffer), pdf.Options{}, l); err != nil { // fonts loaded before the clock runs
		b.Fatal(err)
	}
	for _, disk := range []bool{false, true} {
		name := "buffer"
		if disk {
			name = "disk"
		}
		b.Run(name, func(b *testing.B) {
			dir := b.TempDir()
			var n atomic.Int64
			b.ReportAllocs()
			cpu := cpuTime()
			b.RunParallel(func(pb *testing.PB) {
				var buf bytes.Buffer
				for pb.Next() {
					buf.Reset()
					if _, err := pdf.Write(&buf, pdf.Options{}, l); err != nil {
						b.Error(err)
						return
					}
					if !disk {
						continue
					}
					name := filepath.Join(dir, strconv.FormatInt(n.Add(1), 10)+".pdf")
					if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
						b.Error(err)
						return
					}
				}
			})
			cpu = cpuTime() - cpu
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "letters/s")
			b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/letter")
		})
	}
}

// BenchmarkCombined writes 500 one-page Russian letters into one PDF, a
// document per goroutine, on all CPUs.
func BenchmarkCombined(b *testing.B) {
	ls := make([]doc.Letter, 500)
	for i := range ls {
		ls[i] = russian()
	}
	if _, err := pdf.Write(new(bytes.Buffer), pdf.Options{}, ls[0]); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	var pages atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		var buf bytes.Buffer
		for pb.Next() {
			buf.Reset()
			counts, err := pdf.Write(&buf, pdf.Options{}, ls...)
			if err != nil {
				b.Error(err)
				return
			}
			for _, c := range counts {
				pages.Add(int64(c))
			}
		}
	})
	cpu = cpuTime() - cpu
	b.ReportMetric(float64(pages.Load())/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(pages.Load()), "cpu-µs/page")
}

// TestBatchMemory writes a batch as the CLI would, for measuring the peak
// resident memory of the process (run the test binary under
// /usr/bin/time -v). It runs only when APPEAL_BATCH is set:
//
//	APPEAL_BATCH=files:10000     10,000 letters, one PDF file each, 2 goroutines
//	APPEAL_BATCH=combined:10000  one PDF of 10,000 letters
//
// APPEAL_BATCH_DIR is where the files go; by default they are written to
// memory and dropped.
func TestBatchMemory(t *testing.T) {
	spec := os.Getenv("APPEAL_BATCH")
	if spec == "" {
		t.Skip("APPEAL_BATCH not set")
	}
	mode, count, _ := strings.Cut(spec, ":")
	n, err := strconv.Atoi(count)
	if err != nil || n <= 0 {
		t.Fatalf("APPEAL_BATCH=%q: want files:N or combined:N", spec)
	}
	dir := os.Getenv("APPEAL_BATCH_DIR")
	save := func(i int, data []byte) error {
		if dir == "" {
			return nil
		}
		return os.WriteFile(filepath.Join(dir, fmt.Sprintf("%05d.pdf", i)), data, 0o644)
	}
	l := russian()
	start, cpu := time.Now(), cpuTime()
	pages := 0
	switch mode {
	case "files":
		var next atomic.Int64
		var wg sync.WaitGroup
		errs := make(chan error, 2)
		for range 2 {
			wg.Go(func() {
				for {
					i := int(next.Add(1))
					if i > n {
						return
					}
					var buf bytes.Buffer
					if _, err := pdf.Write(&buf, pdf.Options{}, l); err != nil {
						errs <- err
						return
					}
					if err := save(i, buf.Bytes()); err != nil {
						errs <- err
						return
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		pages = n
	case "combined":
		ls := make([]doc.Letter, n)
		for i := range ls {
			ls[i] = l
		}
		var buf bytes.Buffer
		counts, err := pdf.Write(&buf, pdf.Options{}, ls...)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range counts {
			pages += c
		}
		if err := save(0, buf.Bytes()); err != nil {
			t.Fatal(err)
		}
	default:
		t.Fatalf("APPEAL_BATCH=%q: want files:N or combined:N", spec)
	}
	elapsed, cpu := time.Since(start), cpuTime()-cpu
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("%s: %d pages in %v (%.0f pages/s), CPU %v (%.0f µs/page), heap peak (Sys) %.1f MiB, GC runs %d",
		mode, pages, elapsed.Round(time.Millisecond), float64(pages)/elapsed.Seconds(), cpu.Round(time.Millisecond),
		float64(cpu.Microseconds())/float64(pages), float64(ms.HeapSys)/(1<<20), ms.NumGC)
}
