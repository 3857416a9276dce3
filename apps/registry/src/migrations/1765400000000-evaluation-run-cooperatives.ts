import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EvaluationRunCooperatives1765400000000 implements MigrationInterface {
  name = 'EvaluationRunCooperatives1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "evaluation_run_cooperatives" ("run_id" uuid NOT NULL, "cooperative_id" uuid NOT NULL, CONSTRAINT "PK_evaluation_run_cooperatives" PRIMARY KEY ("run_id", "cooperative_id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "evaluation_run_cooperatives"`);
  }
}
