import type { Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { queueKeyPrefix } from '@koperasi/contracts';
import { redisConnectionFromUrl } from '@koperasi/platform';
import { eventually, redisUrl, signedEvent } from '@koperasi/testing';
import {
  casesOf,
  daysAgo,
  openReactivationCase,
  registerCooperative,
  registrar,
  runEvaluation,
  supervisor,
} from '../e2e/support/lifecycle';
import { as } from '../e2e/support/api';
import {
  accessibilityViolations,
  DEMO_PASSWORD,
  focusReaches,
  screenshot,
  shows,
  signIn,
  sql,
  startConsoleCity,
  type ConsoleCity,
} from './support/console-city';

/**
 * The console in a browser against the real services, one city for the whole file; the scenarios
 * run in order (the supervisor approves what the officer's failed reactivation started).
 */
describe('the console in a browser', () => {
  let consoleCity: ConsoleCity;
  let cooperativeId: string;
  let cooperativeName: string;
  let lastPage: Page | undefined;
  let proceedingId: string;
  let failedBefore: number;
  let assessedId: string;

  beforeAll(async () => {
    consoleCity = await startConsoleCity();
    cooperativeId = await registerCooperative(consoleCity.city, 'Tani Makmur', [2019]);
    await runEvaluation(consoleCity.city);
    await openReactivationCase(consoleCity.city, cooperativeId);
    cooperativeName = (await registrar.get(`${consoleCity.city.urls.registry}/cooperatives/${cooperativeId}`)).body
      .name;
  }, 180_000);

  afterEach(async () => {
    if (lastPage) await screenshot(lastPage, expect.getState().currentTestName!.replace(/\W+/g, '-'));
    lastPage = undefined;
  });

  afterAll(() => consoleCity?.close());

  it('an officer finds a case by search, claims it, logs a visit, ticks the checklist and closes it as failed; a second claim shows who was faster', async () => {
    failedBefore = await failedReactivations(consoleCity);
    const budi = await consoleCity.newPage();
    const siti = await consoleCity.newPage();
    await signIn(budi.page, 'budi.santoso');
    await signIn(siti.page, 'siti.rahmawati');
    expect(await accessibilityViolations(budi.page)).toEqual([]);

    const search = cooperativeName.split(' ').slice(-1)[0];
    for (const { page } of [budi, siti]) {
      await page.goto(`/kasus?tab=unassigned&q=${encodeURIComponent(search)}`);
      await page.getByRole('link', { name: cooperativeName }).waitFor();
    }
    expect(await budi.page.locator('nav.paging p').innerText()).toBe('1–1 dari 1');
    expect(await accessibilityViolations(budi.page)).toEqual([]);

    await budi.page.getByRole('button', { name: `Ambil kasus ${cooperativeName}` }).click();
    await budi.page.waitForURL(/\/kasus\/[0-9a-f-]{36}/);
    await shows(budi.page.getByRole('status'), 'Kasus berhasil diambil');

    await siti.page.getByRole('button', { name: `Ambil kasus ${cooperativeName}` }).click();
    await shows(siti.page.getByRole('alert'), 'baru saja diambil oleh Budi Santoso');
    expect(await siti.page.getByRole('button', { name: `Ambil kasus ${cooperativeName}` }).count()).toBe(0);

    const page = budi.page;
    lastPage = page;
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Jenis kegiatan').selectOption('VISIT');
    await page.getByLabel('Uraian').fill('Kantor koperasi tutup; pengurus tidak dapat ditemui');
    await page.getByRole('button', { name: 'Catat kegiatan' }).click();
    await shows(page.getByRole('status'), 'Kegiatan dicatat');
    expect(await page.locator('#activities-heading + ul').innerText()).toContain('Kantor koperasi tutup');

    await page.getByText('Koreksi kegiatan ini').click();
    const correction = page.locator('ul.activities details form');
    await correction.getByLabel('Uraian').fill('Kantor koperasi tutup; ketua pindah ke luar kota');
    await correction.getByLabel('Alasan koreksi').fill('Salah ketik saat mencatat');
    await correction.getByRole('button', { name: 'Simpan koreksi' }).click();
    await shows(page.getByRole('status'), 'Kegiatan dikoreksi');
    const activities = await page.locator('ul.activities').innerText();
    expect(activities).toContain('ketua pindah ke luar kota');
    expect(activities).toMatch(/Dikoreksi oleh Budi Santoso, .*: Salah ketik saat mencatat/);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Tandai selesai: Hubungi pengurus' }).click();
    await shows(page.getByRole('status'), 'Daftar periksa diperbarui');
    expect(await page.getByRole('button', { name: 'Batalkan tanda selesai: Hubungi pengurus' }).count()).toBe(1);
    expect(await page.locator('ul.checklist li').first().innerText()).toMatch(/Hubungi pengurus \(Budi Santoso, \d/);
    expect(await page.locator('#activities-heading + ul').innerText()).toContain('(Budi Santoso)');
    expect(await page.locator('ol.history').innerText()).toContain(
      'dibuka (Menjadi tidak aktif: Evaluasi tahunan 2023: tidak ada RAT untuk tahun buku',
    );

    await page.getByLabel('Hasil').selectOption('NO_BOARD');
    await page.getByLabel('Alasan').last().fill('Pengurus tidak dapat dibentuk kembali');
    await page.getByRole('button', { name: 'Tutup kasus' }).click();
    await shows(page.getByRole('alert'), 'catatan bukti');

    await page.getByLabel('Hasil').selectOption('NO_BOARD');
    await page.getByLabel('Alasan').last().fill('Pengurus tidak dapat dibentuk kembali');
    await page.getByLabel(/Catatan bukti/).fill('Lurah menyatakan tidak ada kegiatan sejak 2019');
    await page.getByRole('button', { name: 'Tutup kasus' }).click();
    await shows(page.getByRole('status'), 'Kasus ditutup');
    expect(await page.locator('hgroup p').innerText()).toContain('Ditutup');
    expect(await page.getByText('Gagal: tidak ada pengurus').count()).toBe(1);
    lastPage = page;
  });

  it('a supervisor sees the new proposal in the inbox and approves it; the proposer, also a supervisor, cannot, and a forged approval is refused', async () => {
    const draft = await eventually(async () => {
      const list = await supervisor.get(`${consoleCity.city.urls.dissolution}/proceedings?step=DRAFT`);
      return (list.body.items as { id: string; cooperativeId: string }[]).find(
        (p) => p.cooperativeId === cooperativeId,
      );
    }, 'the draft proceeding');
    proceedingId = draft.id;

    const maria = (await consoleCity.newPage()).page;
    lastPage = maria;
    await signIn(maria, 'maria.simanjuntak');
    await maria.goto(`/pembubaran/${proceedingId}`);
    expect(await accessibilityViolations(maria)).toEqual([]);
    await maria.getByLabel('Tidak menyelenggarakan RAT 3 tahun berturut-turut').check();
    await maria.getByLabel('Tanggal pemeriksaan lapangan').fill(daysAgo(20));
    await maria.getByLabel('Pejabat kelurahan yang menerangkan').fill('Lurah Langkai');
    await maria.getByLabel('Temuan').fill('Kantor tidak ada; tidak ada kegiatan usaha');
    await maria.getByLabel('Tanggal pemeriksaan utang').fill(daysAgo(18));
    await maria.getByRole('button', { name: 'Simpan' }).click();
    await shows(maria.getByRole('status'), 'Langkah dicatat');
    await maria.getByRole('button', { name: 'Ajukan usulan pembubaran' }).click();
    await shows(maria.getByRole('status'), 'Usulan pembubaran diajukan');
    await shows(maria.getByRole('note'), 'Anda adalah pengusul');
    expect(await maria.getByRole('button', { name: 'Setujui usulan' }).count()).toBe(0);

    await forgePost(maria, `/pembubaran/${proceedingId}/setujui`);
    await shows(maria.getByRole('alert'), 'Prinsip empat mata');
    expect(await maria.locator('hgroup p').innerText()).toContain('Diusulkan');
    await maria.goto('/persetujuan?jenis=APPROVE_PROPOSAL');
    expect(await maria.getByRole('row', { name: cooperativeName }).innerText()).toContain(
      'Anda pengusul: orang lain yang menyetujui',
    );

    const hendra = (await consoleCity.newPage()).page;
    lastPage = hendra;
    await signIn(hendra, 'hendra.wijaya');
    await hendra.goto('/persetujuan');
    expect(await accessibilityViolations(hendra)).toEqual([]);
    const inboxRow = await hendra.getByRole('row', { name: cooperativeName }).innerText();
    expect(inboxRow).toContain('Persetujuan usulan');
    expect(inboxRow).toContain('Maria Simanjuntak');
    expect(inboxRow).not.toContain('Anda pengusul');
    expect(inboxRow).toMatch(/\d+ hari lagi|jatuh tempo hari ini|terlambat \d+ hari|tanpa tenggat/);
    expect(await hendra.locator('main').innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await hendra.getByRole('link', { name: cooperativeName }).click();
    await hendra.getByRole('button', { name: 'Setujui usulan' }).click();
    await shows(hendra.getByRole('status'), 'Usulan disetujui');
    expect(await hendra.locator('hgroup p').innerText()).toContain('Disetujui');
    expect(await hendra.locator('.facts').nth(1).innerText()).toContain('Maria Simanjuntak');

    await hendra.getByRole('link', { name: 'Cetak surat pemberitahuan rencana pembubaran' }).click();
    await shows(hendra.locator('main'), 'Pemberitahuan Rencana Pembubaran Koperasi');
    expect(await hendra.locator('main').innerText()).toContain(cooperativeName);
    expect(await accessibilityViolations(hendra)).toEqual([]);
    lastPage = hendra;
  });

  it('the pipeline shows the approved proceeding by step, as a chart and as a table', async () => {
    const { page } = await consoleCity.newPage();
    lastPage = page;
    await signIn(page, 'hendra.wijaya');
    await page.goto('/pembubaran');
    const approvedRow = page
      .locator('table')
      .first()
      .getByRole('row', { name: /Disetujui/ });
    expect(await approvedRow.innerText()).toMatch(/\t1\t/);
    expect(await page.locator('svg.chart title').textContent()).toBe('Proses pembubaran per tahap');
    expect(await accessibilityViolations(page)).toEqual([]);
    lastPage = page;
  });

  it("the registrar's cooperative page shows its open case and its proceeding; a RAT is corrected with a reason", async () => {
    const mentoring = consoleCity.city.urls.mentoring;
    const opened = await supervisor.post(`${mentoring}/cases`, {
      cooperativeId,
      type: 'INSTITUTIONAL',
      reason: 'Pengurus meminta pendampingan',
    });
    expect(opened.status).toBe(201);
    const budi = as(['officer'], consoleCity.accounts['budi.santoso'].id);
    expect((await budi.post(`${mentoring}/cases/${opened.body.id}/claim`)).status).toBe(200);

    const { page } = await consoleCity.newPage();
    lastPage = page;
    await signIn(page, 'fajar.nugroho');
    await page.goto(`/koperasi/${cooperativeId}`);
    const caseRow = page.locator('#open-cases tbody tr');
    expect(await caseRow.allInnerTexts()).toEqual([
      expect.stringMatching(/^Kelembagaan\tDitangani\tBudi Santoso\t\d{1,2} \w+ \d{4} \(\d+ hari lagi\)$/),
    ]);
    expect(await page.locator('#open-cases a').count()).toBe(0);
    const proceeding = await page.locator('#proceeding-summary').innerText();
    expect(proceeding).toMatch(/Tahap\s+Disetujui \(pemberitahuan belum dikirim\)/);
    expect(proceeding).toMatch(/Disetujui\s+\d{1,2} \w+ \d{4}/);
    expect(await page.getByRole('link', { name: 'Buka halaman proses pembubaran' }).count()).toBe(0);
    expect(await page.locator('main').innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}|INSTITUTIONAL|APPROVED/);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Koreksi RAT tahun buku 2019' }).click();
    await page.waitForURL(/\/rat\/2019\/koreksi$/);
    expect(await page.getByLabel('Anggota hadir').inputValue()).toBe('50');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Anggota hadir').fill('90');
    await page.getByRole('button', { name: 'Simpan koreksi' }).click();
    await shows(page.getByRole('alert'), 'Isian belum lengkap');
    expect(await page.locator('#reason-error').innerText()).toBe('Tuliskan alasan koreksi (3 sampai 2.000 huruf).');
    expect(await page.getByLabel('Alasan koreksi').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Alasan koreksi').fill('Daftar hadir dihitung ulang dari notulen');
    await page.getByRole('button', { name: 'Simpan koreksi' }).click();
    await shows(page.locator('#membersPresent-error'), 'Anggota hadir tidak boleh melebihi jumlah anggota.');
    expect(await page.getByLabel('Anggota hadir').inputValue()).toBe('90');
    expect(await page.getByLabel('Alasan koreksi').inputValue()).toBe('Daftar hadir dihitung ulang dari notulen');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Anggota hadir').fill('60');
    await page.getByRole('button', { name: 'Simpan koreksi' }).click();
    await shows(page.getByRole('status'), 'Koreksi RAT tahun buku 2019 disimpan.');
    await focusReaches(page, 'pesan');
    const ratRow = page.locator('section[aria-labelledby="rats-heading"] tbody tr').first();
    expect(await ratRow.innerText()).toMatch(/60 \/ 75/);
    await ratRow.getByText('Dikoreksi 1 kali').click();
    expect(await ratRow.locator('details li').innerText()).toMatch(
      /Fajar Nugroho: “Daftar hadir dihitung ulang dari notulen”\s+Anggota hadir: 50 → 60/,
    );
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('a manager sees the dashboard figures change after these steps and downloads the CSV', async () => {
    const { page } = await consoleCity.newPage();
    lastPage = page;
    expect(await failedReactivations(consoleCity, page)).toBe(failedBefore + 1);
    expect(await page.locator('svg.chart').count()).toBe(5);
    expect(await page.locator('main').innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}T|\b\d{4}-\d{2}\b/);
    expect(await accessibilityViolations(page)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Unduh CSV \(pemisah titik koma/ }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFFBagian;Kunci;Ukuran;Nilai\r\n')).toBe(true);
    expect(csv).toContain(`;Reaktivasi gagal;${failedBefore + 1}\r\n`);
  });

  it('a registrar imports a CSV with bad rows and reads the per-row errors, imports a good one, then runs an evaluation dry run', async () => {
    const { page } = await consoleCity.newPage();
    lastPage = page;
    await signIn(page, 'fajar.nugroho');
    await page.goto('/koperasi');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Impor CSV' }).click();
    await page.getByLabel('Berkas CSV').setInputFiles({
      name: 'koperasi.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'name;legalEntityNumber;legalEntityDate;type;kelurahan;kecamatan\n' +
          'Koperasi Baru Sejahtera;901/BH/XIX.1/2020;2020-02-03;SAVINGS_AND_LOAN;Langkai;Pahandut\n' +
          ';902/BH/XIX.1/2020;2020-02-03;SAVINGS_AND_LOAN;Langkai;Pahandut\n' +
          'Koperasi Tanggal Salah;903/BH/XIX.1/2020;31/31/2020;SAVINGS_AND_LOAN;Langkai;Pahandut\n',
      ),
    });
    await page.getByRole('button', { name: 'Impor' }).click();
    await shows(page.getByRole('alert'), 'Berkas ditolak');
    const rows = await page.locator('#import-errors tbody tr').allInnerTexts();
    expect(rows.map((row) => row.split('\t')[0])).toEqual(expect.arrayContaining(['3', '4']));
    expect(await accessibilityViolations(page)).toEqual([]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Unduh daftar kesalahan (CSV)' }).click(),
    ]);
    expect(readFileSync((await download.path())!, 'utf8')).toMatch(/^\uFEFFBaris;Kolom;Keterangan\r\n3;/);

    await page.goto('/koperasi/impor/baru');
    await page.getByLabel('Berkas CSV').setInputFiles({
      name: 'koperasi-benar.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'name;legalEntityNumber;legalEntityDate;type;kelurahan;kecamatan\n' +
          'Koperasi Impor Lancar;904/BH/XIX.1/2020;2020-02-03;SAVINGS_AND_LOAN;Langkai;Pahandut\n',
      ),
    });
    await page.getByRole('button', { name: 'Impor' }).click();
    await page.waitForURL(/\/koperasi\/impor\/[0-9a-f-]{36}/);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goto('/koperasi/baru');
    await page.getByLabel('Nama koperasi').fill('Koperasi Konsol Makmur');
    await page.getByLabel('Nomor badan hukum').fill('777/BH/XIX.1/2024');
    await page.getByLabel('Tanggal badan hukum').fill('2024-05-06');
    await page.getByLabel('Kecamatan').selectOption('Jekan Raya');
    await page.getByLabel('Kelurahan').fill('Bukit Tunggal');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Simpan' }).click();
    await shows(page.getByRole('status'), 'Koperasi didaftarkan');
    expect(await page.locator('h1').innerText()).toBe('Koperasi Konsol Makmur');
    expect(await page.locator('hgroup p').innerText()).toBe('Aktif');

    await page.goto('/koperasi/evaluasi');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Tahun buku').fill('2023');
    await page.getByRole('button', { name: 'Uji coba (tanpa perubahan)' }).click();
    await shows(page.locator('#progres'), 'Selesai');
    expect(await page.locator('#evaluation-outcomes').innerText()).toContain('Menjadi tidak aktif');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('a registrar records health assessments: the registry refusals beside the fields, then each assessment on the cooperative page; the form works without JavaScript', async () => {
    assessedId = await registerCooperative(consoleCity.city, 'Sehat Sentosa', [2023]);
    const { page } = await consoleCity.newPage();
    lastPage = page;
    await signIn(page, 'fajar.nugroho');
    await page.goto(`/koperasi/${assessedId}`);
    expect(await page.locator('#health-heading + p').innerText()).toBe('Belum ada penilaian kesehatan.');
    expect(await page.locator('ol.history').innerText()).toContain('Aktif (Didaftarkan)');
    expect(await page.locator('#cases-heading + p').innerText()).toBe('Tidak ada kasus terbuka.');
    await page.getByRole('link', { name: 'Catat penilaian kesehatan' }).click();
    await page.getByRole('link', { name: /^Skema B/ }).click();
    await page.waitForURL(/skema=B/);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Tahun buku').selectOption('2023');
    await page.getByLabel('Tanggal penilaian').fill(daysAgo(3));
    for (const aspect of ['Tata kelola', 'Profil risiko', 'Kinerja keuangan', 'Permodalan'])
      await page.getByLabel(aspect).selectOption('1');
    await page.getByLabel('Kategori akhir').selectOption({ label: 'Dalam pengawasan khusus' });
    await page.getByRole('button', { name: 'Simpan penilaian' }).click();
    await shows(page.getByRole('alert'), 'Kategori akhir tidak sesuai dengan peringkat aspek');
    const category = page.getByLabel('Kategori akhir');
    expect(await category.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#finalCategory-error').innerText()).toBe(
      'Kategori ini tidak sesuai dengan peringkat aspek. Yang sesuai: Sehat.',
    );
    expect(await page.getByLabel('Tata kelola').inputValue()).toBe('1');
    expect(await accessibilityViolations(page)).toEqual([]);

    await category.selectOption({ label: 'Sehat' });
    await page.getByRole('button', { name: 'Simpan penilaian' }).click();
    await shows(page.getByRole('status'), 'Penilaian kesehatan tahun buku 2023 dicatat: Sehat.');
    await focusReaches(page, 'pesan');
    expect(new URL(page.url()).pathname).toBe(`/koperasi/${assessedId}`);

    await page.getByRole('link', { name: 'Catat penilaian kesehatan' }).click();
    expect(await page.getByRole('link', { name: /^Skema A/ }).getAttribute('aria-current')).toBe('page');
    await page.getByLabel('Tanggal penilaian').fill(daysAgo(2));
    const components = page.locator('input[name^="component."]');
    expect(await components.count()).toBe(22);
    for (const input of await components.all()) await input.fill('50');
    await page.getByLabel(/^Rasio kas/).fill('');
    await page.getByLabel(/^Rentabilitas aset/).fill('banyak');
    await page.getByRole('button', { name: 'Simpan penilaian' }).click();
    await shows(page.getByRole('alert'), 'Isian penilaian belum lengkap');
    expect(await page.locator('#component-CASH-error').innerText()).toBe('Wajib diisi.');
    expect(await page.locator('#component-RETURN_ON_ASSETS-error').innerText()).toBe('Isi dengan angka (persen).');
    expect(await page.getByLabel(/^Partisipasi bruto/).inputValue()).toBe('50');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel(/^Rasio kas/).fill('12,5');
    await page.getByLabel(/^Rentabilitas aset/).fill('8');
    await page.getByRole('button', { name: 'Simpan penilaian' }).click();
    await shows(page.getByRole('status'), 'Penilaian kesehatan tahun buku 2023 dicatat');
    const rows = await page.locator('#health-assessments tbody tr').allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows.find((row) => row.includes('\tB\t'))).toMatch(/^2023\tB\tSehat\t—\t.+\tFajar Nugroho\tKoreksi$/);
    expect(rows.find((row) => row.includes('\tA\t'))).toMatch(/^2023\tA\t.+\t[\d,]+\t.+\tFajar Nugroho\tKoreksi$/);
    expect(await page.locator('main').innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}|HEALTHY|SUPERVISION/);
    expect(await accessibilityViolations(page)).toEqual([]);

    const withoutScript = await consoleCity.browser.newContext({
      baseURL: consoleCity.url,
      locale: 'id-ID',
      javaScriptEnabled: false,
    });
    const plain = await withoutScript.newPage();
    lastPage = plain;
    await signIn(plain, 'fajar.nugroho');
    await plain.goto(`/koperasi/${assessedId}/penilaian?skema=B`);
    await plain.getByLabel('Tanggal penilaian').fill(daysAgo(1));
    for (const aspect of ['Tata kelola', 'Profil risiko', 'Kinerja keuangan', 'Permodalan'])
      await plain.getByLabel(aspect).selectOption('2');
    await plain.getByLabel('Kategori akhir').selectOption({ label: 'Cukup sehat' });
    await plain.getByRole('button', { name: 'Simpan penilaian' }).click();
    await plain.waitForURL(/\/penilaian\?skema=B$/);
    await shows(plain.getByRole('alert'), 'sudah dinilai dengan skema yang sama');
    expect(await plain.locator('#fiscalYear-error').innerText()).toBe(
      'Tahun buku ini sudah dinilai dengan skema yang sama.',
    );
    expect(await plain.getByLabel('Kategori akhir').inputValue()).toBe('FAIRLY_HEALTHY');
    await withoutScript.close();
    lastPage = page;

    await page.goto(`/koperasi/${assessedId}`);
    const schemeB = page
      .locator('#health-assessments tbody tr')
      .filter({ has: page.getByRole('cell', { name: 'B', exact: true }) });
    await schemeB.getByRole('link', { name: 'Koreksi' }).click();
    await page.waitForURL(/\/koreksi$/);
    expect(await page.getByLabel('Kategori akhir').inputValue()).toBe('HEALTHY');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Tanggal penilaian').fill(daysAgo(4));
    await page.getByLabel('Alasan koreksi').fill('Tanggal berita acara penilaian');
    await page.getByRole('button', { name: 'Simpan koreksi' }).click();
    await shows(page.getByRole('status'), 'Koreksi penilaian kesehatan tahun buku 2023 disimpan: Sehat.');
    await schemeB.getByText('Dikoreksi 1 kali').click();
    expect(await schemeB.locator('details li').innerText()).toMatch(
      /“Tanggal berita acara penilaian”\s+Tanggal penilaian: \d{1,2} \w+ \d{4} → \d{1,2} \w+ \d{4}/,
    );
  });

  it('an admin dismisses a dead letter with a reason and retries another, the list changing; opens the queue board; a supervisor cannot', async () => {
    const dismissedId = await deadLetterInMentoring(consoleCity);
    const retriedId = await deadLetterInMentoring(consoleCity);
    const { page } = await consoleCity.newPage();
    lastPage = page;
    await signIn(page, 'admin');
    await page.goto('/admin/surat-mati');
    await shows(page.locator('#dl-mentoring'), 'mentoring (2)');
    expect(await accessibilityViolations(page)).toEqual([]);

    const dismissedRow = page.getByRole('row', { name: dismissedId });
    await dismissedRow.getByLabel('Alasan mengabaikan').fill('Data uji yang sengaja rusak');
    await dismissedRow.getByRole('button', { name: /^Abaikan registry\.rat-recorded\.v1/ }).click();
    await shows(page.getByRole('status'), 'Pesan gagal diabaikan');
    expect(await page.getByRole('row', { name: dismissedId }).count()).toBe(0);
    await shows(page.locator('#dl-mentoring'), 'mentoring (1)');
    const dismissed = await sql(
      consoleCity,
      `SELECT resolution, resolution_reason, resolved_by FROM mentoring.dead_letters WHERE event_id = $1`,
      [dismissedId],
    );
    expect(dismissed).toEqual([
      {
        resolution: 'DISMISSED',
        resolution_reason: 'Data uji yang sengaja rusak',
        resolved_by: consoleCity.accounts.admin.id,
      },
    ]);

    await page
      .getByRole('row', { name: retriedId })
      .getByRole('button', { name: /^Ulangi registry\.rat-recorded\.v1/ })
      .click();
    await shows(page.getByRole('status'), 'Peristiwa dikembalikan ke antrean');
    const retried = await sql(
      consoleCity,
      `SELECT retry_count, resolution FROM mentoring.dead_letters WHERE event_id = $1 ORDER BY created_at LIMIT 1`,
      [retriedId],
    );
    expect(retried).toEqual([{ retry_count: 1, resolution: 'RETRIED' }]);

    const board = await page.goto('/admin/antrean');
    expect(board?.status()).toBe(200);
    await shows(page.locator('body'), 'mentoring-inbox');

    const other = (await consoleCity.newPage()).page;
    await signIn(other, 'hendra.wijaya');
    expect((await other.goto('/admin/antrean'))?.status()).toBe(403);
    expect((await other.goto('/admin/surat-mati'))?.status()).toBe(403);
  });

  it('an admin creates a user who signs in with the temporary password and must change it; a non-admin cannot open the user pages', async () => {
    const { page } = await consoleCity.newPage();
    lastPage = page;
    await signIn(page, 'admin');
    await page.goto('/admin/pengguna');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Tambah pengguna' }).click();
    await page.getByLabel('Nama pengguna').fill('rudi.hartono');
    await page.getByLabel('Nama lengkap').fill('Rudi Hartono');
    await page.getByLabel('Kecamatan yang dicakup (petugas)').selectOption('Sabangau');
    await page.getByLabel('Petugas pendamping').check();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Simpan' }).click();
    await shows(page.getByRole('status'), 'Kata sandi sementara');
    const password = (await page.getByRole('status').innerText()).split(': ').pop()!.trim();

    const audit = await sql(
      consoleCity,
      `SELECT action, actor_name FROM console.audit_log WHERE entity_type = 'User' AND after->>'username' = 'rudi.hartono'`,
    );
    expect(audit).toEqual([{ action: 'user.created', actor_name: 'Administrator Sistem' }]);
    const outbox = await sql(
      consoleCity,
      `SELECT type FROM console.outbox WHERE envelope->'data'->>'username' = 'rudi.hartono'`,
    );
    expect(outbox).toEqual([{ type: 'console.user-created.v1' }]);

    const rudi = (await consoleCity.newPage()).page;
    lastPage = rudi;
    await signIn(rudi, 'rudi.hartono', password);
    expect(new URL(rudi.url()).pathname).toBe('/profil/kata-sandi');
    await rudi.getByLabel('Kata sandi baru (minimal 10 karakter)').fill('sandi-baru-rudi-1');
    await rudi.getByLabel('Ulangi kata sandi baru').fill('sandi-baru-rudi-1');
    await rudi.getByRole('button', { name: 'Simpan kata sandi' }).click();
    await shows(rudi.getByRole('status'), 'Kata sandi berhasil diganti');
    expect(new URL(rudi.url()).pathname).toBe('/kasus');

    const forbidden = await rudi.goto('/admin/pengguna');
    expect(forbidden?.status()).toBe(403);
    expect(await rudi.getByRole('alert').innerText()).toContain('tidak diizinkan');
    lastPage = rudi;
  });

  it('refuses wrong passwords, then locks the name; refuses a form without its CSRF token', async () => {
    const { page } = await consoleCity.newPage();
    lastPage = page;
    await signIn(page, 'agus.setiawan', 'salah-sandi');
    expect(await page.getByRole('alert').innerText()).toBe('Nama pengguna atau kata sandi salah.');
    expect(await accessibilityViolations(page)).toEqual([]);

    await signIn(page, 'dewi.lestari');
    const refused = await page.request.post('/profil/bahasa', { form: { language: 'en' } });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain('token keamanan tidak cocok');
    await page.reload();
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    lastPage = page;
  });

  it('locks a username after repeated failures, even with the right password then', async () => {
    const { page } = await consoleCity.newPage();
    lastPage = page;
    for (let attempt = 0; attempt < 5; attempt++) await signIn(page, 'yohanes.ngabut', `salah-${attempt}`);
    await signIn(page, 'yohanes.ngabut');
    expect(await page.getByRole('alert').innerText()).toContain('dikunci selama 15 menit');
    lastPage = page;
  }, 90_000);

  it('an expired session leads back to sign-in, for a page and for an htmx request, and back to the page after', async () => {
    const { page } = await consoleCity.newPage();
    lastPage = page;
    await signIn(page, 'siti.rahmawati');
    await page.goto('/kasus?tab=all');
    await forgetSessions(consoleCity);
    await page.getByRole('link', { name: /^Kasus saya/ }).click();
    await page.waitForURL(/\/masuk/);
    await shows(page.locator('main'), 'Sesi Anda telah berakhir');

    await page.goto('/kasus?tab=mine');
    await page.waitForURL(/\/masuk\?kembali=/);
    await page.getByLabel('Nama pengguna').fill('siti.rahmawati');
    await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(/\/kasus\?tab=mine/);
    lastPage = page;
  });

  it('axe finds no WCAG 2 A/AA violation on the remaining page types (profile, password, notifications, cooperative, a supervisor case page with its picker, the objection decision letter, bulk reassignment, error)', async () => {
    const { page } = await consoleCity.newPage();
    lastPage = page;
    await signIn(page, 'hendra.wijaya');
    const violations: Record<string, unknown[]> = {};
    for (const path of [
      '/profil',
      '/profil/kata-sandi',
      '/notifikasi',
      `/koperasi/${cooperativeId}`,
      '/kasus-alihkan',
    ]) {
      await page.goto(path);
      violations[path] = await accessibilityViolations(page);
    }
    const followUp = await eventually(
      async () => (await casesOf(consoleCity.city, assessedId))[0],
      'the follow-up case of the poor health assessment',
    );
    await page.goto(`/kasus/${followUp.id}`);
    const picker = await page.locator('#assigneeId option').allInnerTexts();
    expect(picker).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Budi Santoso \(Pahandut\), \d+ kasus terbuka$/)]),
    );
    expect(picker.every((officer) => officer.includes('(Pahandut)'))).toBe(true);
    violations.supervisorCase = await accessibilityViolations(page);

    await objectionRejected(consoleCity, proceedingId);
    await page.goto(`/pembubaran/${proceedingId}/surat/keputusan-keberatan`);
    await shows(page.locator('main'), 'Keputusan atas Keberatan terhadap Rencana Pembubaran Koperasi');
    expect(await page.locator('main').innerText()).toContain(
      'DITOLAK, sehingga proses pembubaran koperasi dilanjutkan',
    );
    violations.objectionDecisionLetter = await accessibilityViolations(page);

    const missing = await page.goto('/kasus/00000000-0000-4000-8000-000000000000');
    expect(missing?.status()).toBe(404);
    violations.error = await accessibilityViolations(page);

    await page.goto('/kasus-alihkan');
    const from = page.getByLabel('Dari petugas');
    expect(await from.locator('option').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Budi Santoso \(Pahandut\), \d+ kasus terbuka$/)]),
    );
    expect(await from.locator('option').allInnerTexts()).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/Hendra Wijaya/)]),
    );
    await from.selectOption(consoleCity.accounts['budi.santoso'].id);
    await page.getByRole('group', { name: 'Kepada' }).getByLabel('Siti Rahmawati (Jekan Raya)').check();
    await page.getByLabel('Alasan').fill('Budi cuti panjang');
    await page.getByRole('button', { name: 'Lihat yang akan dialihkan' }).click();
    await shows(page.getByRole('status'), 'akan dialihkan');
    violations.bulkConfirmation = await accessibilityViolations(page);
    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((key) => [key, []])));
  });

  it('renders in English for a user who chooses it, dates still in the id-ID style', async () => {
    const { page } = await consoleCity.newPage();
    lastPage = page;
    await signIn(page, 'agus.setiawan');
    await page.goto('/profil');
    await page.getByLabel('Bahasa tampilan').selectOption('en');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await shows(page.getByRole('status'), 'Display language saved.');
    await page.goto('/kasus?tab=all');
    expect(await page.locator('h1').innerText()).toBe('Case queue');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('nav.paging p').innerText()).toMatch(/^\d+–\d+ of \d+\+?$/);
    expect(await page.locator('main').innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(await accessibilityViolations(page)).toEqual([]);
    lastPage = page;
  });
});

/** The dashboard's failed reactivations this year, as the manager reads them (on `page` when given). */
async function failedReactivations(consoleCity: ConsoleCity, given?: Page): Promise<number> {
  const page = given ?? (await consoleCity.newPage()).page;
  await signIn(page, 'suryani.halim');
  await page.goto('/dasbor');
  const row = await page
    .locator('#funnel-table')
    .getByRole('row', { name: /Reaktivasi gagal/ })
    .innerText();
  return Number(row.split('\t')[1].replace(/\./g, ''));
}

/** An event the mentoring service refuses as invalid (signed as the registry would, so it can be retried): one dead letter to work with. */
async function deadLetterInMentoring(consoleCity: ConsoleCity): Promise<string> {
  const eventId = randomUUID();
  const queue = new Queue('mentoring-inbox', {
    connection: redisConnectionFromUrl(redisUrl()),
    prefix: queueKeyPrefix(consoleCity.city.prefix, 'mentoring-inbox'),
  });
  try {
    await queue.add(
      'registry.rat-recorded.v1',
      signedEvent({
        eventId,
        type: 'registry.rat-recorded.v1' as const,
        occurredAt: new Date().toISOString(),
        correlationId: 'browser-dead-letter',
        data: { bogus: true } as never,
      }),
      { jobId: eventId },
    );
  } finally {
    await queue.close();
  }
  await eventually(
    async () =>
      (await sql(consoleCity, 'SELECT 1 FROM mentoring.dead_letters WHERE event_id = $1', [eventId])).length > 0,
    'the dead letter',
  );
  return eventId;
}

/** The approved proceeding's notice received today, an objection, and its rejection: the decision letter to print. */
async function objectionRejected(consoleCity: ConsoleCity, proceedingId: string): Promise<void> {
  const hendra = as(['supervisor'], consoleCity.accounts['hendra.wijaya'].id);
  const base = `${consoleCity.city.urls.dissolution}/proceedings/${proceedingId}`;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
  const steps = [
    await hendra.post(`${base}/notice`, { method: 'REGISTERED_MAIL_BOARD', sentOn: today, receivedOn: today }),
    await hendra.post(`${base}/objection`, {
      receivedOn: today,
      filedBy: 'Pengurus koperasi',
      grounds: 'Koperasi masih menjalankan usaha simpan pinjam',
    }),
    await hendra.post(`${base}/objection/decision`, {
      outcome: 'REJECTED',
      reason: 'Tidak ada bukti kegiatan usaha sejak 2019',
    }),
  ];
  expect(steps.map((step) => step.status)).toEqual([200, 200, 200]);
}

/** Posts a form the page does not offer, with the page's own CSRF token, then shows where it leads. */
async function forgePost(page: Page, action: string): Promise<void> {
  const token = await page.locator('input[name=_csrf]').first().inputValue();
  const response = await page.request.post(action, { form: { _csrf: token }, maxRedirects: 0 });
  expect(response.status()).toBe(303);
  await page.goto(response.headers().location);
}

/** Ends every console session of this city, as the idle timeout would. */
async function forgetSessions(consoleCity: ConsoleCity): Promise<void> {
  const redis = new Redis(redisUrl());
  try {
    const keys = await redis.keys(`${consoleCity.city.prefix}:console:session:*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
