import type { Page } from 'playwright-core';
import { openReactivationCase, registerCooperative, registrar, runEvaluation } from '../e2e/support/lifecycle';
import {
  accessibilityViolations,
  screenshot,
  shows,
  signIn,
  startConsoleCity,
  type ConsoleCity,
} from './support/console-city';

describe('officers work the case queue in the browser', () => {
  let consoleCity: ConsoleCity;
  let cooperativeId: string;
  let cooperativeName: string;
  let lastPage: Page | undefined;

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
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Jenis kegiatan').selectOption('VISIT');
    await page.getByLabel('Uraian').fill('Kantor koperasi tutup; pengurus tidak dapat ditemui');
    await page.getByRole('button', { name: 'Catat kegiatan' }).click();
    await shows(page.getByRole('status'), 'Kegiatan dicatat');
    expect(await page.locator('#activities-heading + ul').innerText()).toContain('Kantor koperasi tutup');

    await page.getByRole('button', { name: 'Tandai selesai: Contact the board' }).click();
    await shows(page.getByRole('status'), 'Daftar periksa diperbarui');
    expect(await page.getByRole('button', { name: 'Batalkan tanda selesai: Contact the board' }).count()).toBe(1);

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
});
