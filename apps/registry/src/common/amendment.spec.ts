import { changedFields } from './amendment';

describe('changedFields', () => {
  it('answers only the given fields whose value differs, with before and after', () => {
    const current = { meetingDate: '2024-03-20', membersPresent: 50, surplus: null as number | null };
    expect(changedFields(current, { meetingDate: '2024-03-21', membersPresent: 50, surplus: undefined })).toEqual({
      changed: ['meetingDate'],
      before: { meetingDate: '2024-03-20' },
      after: { meetingDate: '2024-03-21' },
    });
  });

  it('answers nothing when every given value is the current one', () => {
    expect(changedFields({ a: 1 }, { a: 1 }).changed).toEqual([]);
  });
});
